local mqtt = require("plua.mqtt")
local port = os.getenv("MQTT_TLS_PORT")
local f = assert(io.open(os.getenv("MQTT_CA")))
local ca_pem = f:read("a")
f:close()
local guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)

local steps
local function next_step()
  local step = table.remove(steps, 1)
  if step then step() else clearTimeout(guard) end
end

local function session(name, uri, options, roundtrip)
  local client = mqtt.Client.connect(uri, options)
  client:addEventListener("error", function(event) print(name, "error", event.message) next_step() end)
  client:addEventListener("connected", function()
    print(name, "connected")
    if roundtrip then client:subscribe("tls/echo", { qos = 1 }) else client:disconnect() end
  end)
  client:addEventListener("subscribed", function() client:publish("tls/echo", "over TLS", { qos = 1 }) end)
  client:addEventListener("message", function(event)
    print(name, "message", event.topic, event.payload)
    client:disconnect()
  end)
  client:addEventListener("closed", function() print(name, "closed") next_step() end)
end

steps = {
  function() session("CA as PEM text", "mqtts://127.0.0.1:" .. port, { certificateAuthority = ca_pem }, true) end,
  function() session("CA as a file, host name", "mqtts://localhost:" .. port, { tls = { certificateAuthority = os.getenv("MQTT_CA") } }) end,
  function() session("system CAs", "mqtts://127.0.0.1:" .. port, {}) end,
  function() session("allowUnauthorized", "mqtts://127.0.0.1:" .. port, { tls = { allowUnauthorized = true } }) end,
}
next_step()
