local mqtt = require("plua.mqtt")
local uri = "mqtt://127.0.0.1:" .. os.getenv("MQTT_PORT")
local guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)
local attempts = {
  { "anonymous", nil },
  { "wrong password", { username = "alice", password = "nope" } },
  { "right password", { username = "alice", password = "s3cret" } },
}
local function attempt(i)
  local name, options = attempts[i][1], attempts[i][2]
  local client = mqtt.Client.connect(uri, options)
  client:addEventListener("error", function(event)
    print(name, "error", event.code, event.message)
    attempt(i + 1)
  end)
  client:addEventListener("connected", function()
    print(name, "connected")
    client:disconnect()
  end)
  client:addEventListener("closed", function() print(name, "closed") clearTimeout(guard) end)
end
attempt(1)
