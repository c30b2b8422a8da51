local mqtt = require("plua.mqtt")
local uri = "mqtt://127.0.0.1:" .. os.getenv("MQTT_PORT")
mqtt.Client.connect(uri, { clientId = "silent" })  -- no listeners: never keeps plua alive
local client = mqtt.Client.connect(uri, { clientId = "lifetime" })
local function on_connected()
  print("connected")
  print("subscribe", client:subscribe("life/#"))
end
local function on_subscribed(event)
  print("subscribed", event.type, event.packetId)
  print("unsubscribe", client:unsubscribe("life/#"))
end
local function on_unsubscribed(event)
  print("unsubscribed", event.type, event.packetId)
  client:removeEventListener("connected", on_connected)
  client:removeEventListener("subscribed", on_subscribed)
  client:removeEventListener("unsubscribed", on_unsubscribed)
  print("no listeners left: the process ends, still connected")
end
client:addEventListener("connected", on_connected)
client:addEventListener("subscribed", on_subscribed)
client:addEventListener("unsubscribed", on_unsubscribed)
