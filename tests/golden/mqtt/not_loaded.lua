local mqtt = require("plua.mqtt")
print(pcall(mqtt.Client.connect, "mqtt://127.0.0.1:1883"))
