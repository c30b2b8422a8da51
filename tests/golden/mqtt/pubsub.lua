local mqtt = require("plua.mqtt")
local port = os.getenv("MQTT_PORT")
local guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)
print(mqtt.QoS.AT_MOST_ONCE, mqtt.QoS.AT_LEAST_ONCE, mqtt.QoS.EXACTLY_ONCE)

local client = mqtt.Client.connect("mqtt://127.0.0.1:" .. port, { clientId = "plua-pubsub", keepAlivePeriod = 30 })
local subscribed, received, published = 0, 0, {}

client:addEventListener("connected", function(event)
  print("connected", event.sessionPresent, event.returnCode)
  for qos = 0, 2 do
    print("subscribe id", client:subscribe("plua/in/q" .. qos, { qos = qos }))
  end
end)

client:addEventListener("subscribed", function(event)
  print("subscribed", event.packetId, table.concat(event.results, ","))
  subscribed = subscribed + 1
  if subscribed == 3 then
    -- mosquitto_pub ends once the broker has the message (QoS 2: PUBCOMP)
    for qos = 0, 2 do
      os.execute(("mosquitto_pub -p %s -q 2 -t plua/in/q%d -m 'from mosquitto_pub %d'"):format(port, qos, qos))
    end
  end
end)

client:addEventListener("message", function(event)
  print("message", event.topic, event.payload, "qos " .. event.qos, event.retain)
  received = received + 1
  if received == 3 then
    for qos = 0, 2 do
      local id = client:publish("plua/out/q" .. qos, "from plua " .. qos, { qos = qos })
      print("publish id", id)
    end
  end
end)

client:addEventListener("published", function(event)
  published[#published + 1] = event.packetId
  if #published == 3 then
    table.sort(published)
    print("published", table.concat(published, ","))
    client:disconnect()
  end
end)

client:addEventListener("closed", function()
  print("closed")
  clearTimeout(guard)
end)
client:addEventListener("error", function(event) print("error", event.code, event.message) end)
