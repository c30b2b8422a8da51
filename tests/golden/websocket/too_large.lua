-- A message above the 16 MiB limit arrives: `error` says so, then
-- `disconnected`; what came before it was delivered.
local ws = net.WebSocketClient()
ws:addEventListener("connected", function()
  ws:send("small")
  ws:send(string.rep("x", 16 * 1024 * 1024 + 1))
end)
ws:addEventListener("dataReceived", function(data) print("data", #data) end)
ws:addEventListener("error", function(message) print("error", (message:gsub(":%d+/", ":PORT/"))) end)
ws:addEventListener("disconnected", function() print("disconnected") end)
ws:connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")
