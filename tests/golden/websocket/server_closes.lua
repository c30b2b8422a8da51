-- The server ends the connection: after its last message (/bye), and when
-- asked to (/echo's "close"): `disconnected` follows, isOpen() is false,
-- and send() then reports `error` (as a task). No timer runs here: only
-- the open connections, which have listeners, keep the run alive.
local port = os.getenv("WS_PORT")

local function client(name, path, on_connected)
  local ws = net.WebSocketClient()
  ws:addEventListener("connected", function()
    print(name, "connected")
    if on_connected then on_connected(ws) end
  end)
  ws:addEventListener("dataReceived", function(data) print(name, "data", data) end)
  ws:addEventListener("error", function(message) print(name, "error", message) end)
  ws:addEventListener("disconnected", function()
    print(name, "disconnected: isOpen", ws:isOpen())
    print(name, "send after the end ->", ws:send("late"))
  end)
  ws:connect("ws://127.0.0.1:" .. port .. path)
  return ws
end

client("bye", "/bye", nil)
client("asked", "/echo", function(ws)
  ws:send("one")
  ws:send("close")
end)
