-- ws:// against the local echo server: text, binary, empty and large
-- messages come back whole and in order, each in the frame type its data
-- chose; close() ends with `disconnected`; the same client connects again
-- with extra handshake headers; the run ends by itself.
local port = os.getenv("WS_PORT")
local guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)

local binary = {}
for i = 0, 255 do binary[#binary + 1] = string.char(i) end
binary = table.concat(binary)
local large_text = string.rep("0123456789abcdef", 65536)  -- 1 MiB: fragments on the way out
local large_binary = string.rep(binary, 4096 * 3)        -- 3 MiB

local messages = { "hello", "", "grüße ✓", binary, large_text, large_binary, "last" }
local function describe(data)
  if #data > 64 or utf8.len(data) == nil then return ("%d bytes"):format(#data) end
  return ("%q"):format(data)
end

local ws = net.WebSocketClient()
local phase = "echo"
local got = 0
print("before connect: isOpen", ws:isOpen())
ws:addEventListener("connected", function()
  print(phase, "connected: isOpen", ws:isOpen())
  if phase == "echo" then
    for _, m in ipairs(messages) do assert(ws:send(m)) end
  elseif phase == "kind" then
    ws:send("text")
    ws:send(binary)
  end
end)
ws:addEventListener("dataReceived", function(data)
  got = got + 1
  if phase == "echo" then
    print("echo", got, describe(data), data == messages[got] and "same" or "DIFFERENT")
    if got < #messages then return end
  else
    print(phase, data)
    if phase == "kind" and got < 2 then return end
  end
  ws:close()
  print(phase, "after close: isOpen", ws:isOpen())
end)
ws:addEventListener("error", function(message) print("error", message) end)
ws:addEventListener("disconnected", function()
  print(phase, "disconnected: isOpen", ws:isOpen())
  got = 0
  if phase == "echo" then
    phase = "kind"
    ws:connect("ws://127.0.0.1:" .. port .. "/kind")
  elseif phase == "kind" then
    phase = "headers"
    ws:connect("ws://127.0.0.1:" .. port .. "/headers", { Authorization = "Bearer t0ken", ["X-Test"] = 42 })
  else
    clearTimeout(guard)
  end
end)
ws:connect("ws://127.0.0.1:" .. port .. "/echo")
