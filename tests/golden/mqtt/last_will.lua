local mqtt = require("plua.mqtt")
setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)
local client = mqtt.Client.connect("mqtt://127.0.0.1:" .. os.getenv("MQTT_PORT"), {
  clientId = "plua-will", keepAlivePeriod = 10,
  lastWill = { topic = "will/plua-will", payload = "offline", qos = 1, retain = false },
})
client:addEventListener("connected", function()
  print("connected; killing this process")
  io.stdout:flush()
  local pid = io.open("/proc/self/stat"):read("n")
  os.execute("kill -KILL " .. pid)
end)
