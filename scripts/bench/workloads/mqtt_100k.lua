-- mqtt_100k: one mqtt.Client publishes N QoS-0 messages to a local broker
-- (arg[1] = port) and another receives them on a subscription. Prints N
-- once all arrived; the rate (from the first publish to the last message)
-- goes to stderr as "msgs_per_second R". Publishes in batches of 1,000,
-- letting the loop run between them, as a QuickApp would.
local mqtt = require("plua.mqtt")
local port = assert(arg[1], "usage: mqtt_100k.lua PORT [N]")
local N = tonumber(arg[2] or 100000)
local BATCH = 1000
local uri = "mqtt://127.0.0.1:" .. port
local received, t0 = 0, nil

local pub = mqtt.Client.connect(uri, { clientId = "plua-bench-pub" })
local sub = mqtt.Client.connect(uri, { clientId = "plua-bench-sub" })

local function publish_from(i)
  local last = math.min(i + BATCH - 1, N)
  for k = i, last do pub:publish("bench/plua", "message " .. k) end
  if last < N then setTimeout(publish_from, 0, last + 1) end
end

local ready = 0
local function start()
  ready = ready + 1
  if ready < 2 then return end
  t0 = _PY.get_time()
  publish_from(1)
end
pub:addEventListener("connected", start)
sub:addEventListener("connected", function() sub:subscribe("bench/plua", { qos = 0 }) end)
sub:addEventListener("subscribed", start)
sub:addEventListener("message", function()
  received = received + 1
  if received == N then
    io.stderr:write(string.format("msgs_per_second %.0f\n", N / (_PY.get_time() - t0)))
    print(N)
    pub:disconnect()
    sub:disconnect()
  end
end)
local function fail(event) io.stderr:write("mqtt error: ", event.message, "\n") os.exit(1) end
pub:addEventListener("error", fail)
sub:addEventListener("error", fail)
