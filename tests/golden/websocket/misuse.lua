-- Misuse: bad arguments raise at the caller's line; send before connect
-- and a second connect are `error` events (tasks, after this chunk);
-- without listeners a connection does not keep the run alive.
local net = require("plua.net")
local function try(what, f, ...)
  local args = table.pack(...)
  local ok, err = pcall(function() f(table.unpack(args, 1, args.n)) end)  -- the error blames this line
  print(what, ok and "ok" or err)
end

local ws = net.WebSocketClient()
try("connect(42)", ws.connect, ws, 42)
try("http URL", ws.connect, ws, "http://127.0.0.1/")
try("no host", ws.connect, ws, "ws:///path")
try("bad port", ws.connect, ws, "ws://127.0.0.1:70000/")
try("user in URL", ws.connect, ws, "ws://me@127.0.0.1/")
try("headers not a table", ws.connect, ws, "ws://127.0.0.1:1/", "x")
try("header with a line break", ws.connect, ws, "ws://127.0.0.1:1/", { X = "a\r\nb" })
try("unknown event", ws.addEventListener, ws, "message", print)
try("listener not a function", ws.addEventListener, ws, "connected", 1)
try("send(table)", ws.send, ws, {})
try("options not a table", net.WebSocketClientTls, "yes")
try("allowSelfSigned not a boolean", net.WebSocketClientTls, { allowSelfSigned = 1 })
try("method with a dot", ws.isOpen)

ws:addEventListener("error", function(message) print("error event:", message) end)
print("send before connect ->", ws:send("too early"))
print("isOpen", ws:isOpen())

local twice = net.WebSocketClient()
twice:addEventListener("error", function(message) print("twice: error event:", message) end)
twice:addEventListener("connected", function() print("twice: connected") twice:close() end)
twice:addEventListener("disconnected", function() print("twice: disconnected") end)
twice:connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")
twice:connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")

-- No listeners: nothing keeps the run alive for this one.
net.WebSocketClient():connect("ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo")
print("end of chunk")
