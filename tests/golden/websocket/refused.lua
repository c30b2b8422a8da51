-- Nothing listens: `error` names the URL and the system's reason, no
-- `connected` or `disconnected` follows, and the run ends by itself. A
-- close() while still connecting gives `disconnected` and no error.
local closed = os.getenv("CLOSED_PORT")

local ws = net.WebSocketClient()
ws:addEventListener("connected", function() print("connected?!") end)
ws:addEventListener("disconnected", function() print("disconnected?!") end)
ws:addEventListener("error", function(message)
  print("error", (message:gsub(":" .. closed .. "/", ":PORT/")))
  print("isOpen", ws:isOpen())
end)
ws:connect("ws://127.0.0.1:" .. closed .. "/x")

local early = net.WebSocketClient()
early:addEventListener("error", function(message) print("early: error?!", message) end)
early:addEventListener("disconnected", function() print("early: disconnected") end)
early:connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")
early:close()
print("early: isOpen after close", early:isOpen())
