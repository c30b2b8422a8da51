-- A run stopped (SIGTERM) with a WebSocket client connected names it in
-- its summary, after the timers.
io.stdout:setvbuf("line")
local ws = net.WebSocketClient()
ws:addEventListener("connected", function() print("connected") end)
ws:addEventListener("disconnected", function() print("disconnected") end)
ws:connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")
setTimeout(function() end, 3600 * 1000)
