-- wss:// against the echo server's self-signed certificate (made by the
-- test): refused by default, naming OpenSSL's reason; accepted with
-- {allowSelfSigned = true}, for localhost and for 127.0.0.1 (both in its
-- subjectAltName); a ws:// server spoken to with TLS fails the handshake.
local ws_port, wss_port = os.getenv("WS_PORT"), os.getenv("WSS_PORT")
local guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)

local steps
local function next_step()
  local step = table.remove(steps, 1)
  if step then step() else clearTimeout(guard) end
end

local function session(name, client, url)
  client:addEventListener("connected", function()
    print(name, "connected")
    client:send("over TLS")
  end)
  client:addEventListener("dataReceived", function(data)
    print(name, "echo", data)
    client:close()
  end)
  client:addEventListener("error", function(message) print(name, "error", message) next_step() end)
  client:addEventListener("disconnected", function() print(name, "disconnected") next_step() end)
  client:connect(url)
end

steps = {
  function() session("default", net.WebSocketClientTls(), "wss://localhost:" .. wss_port .. "/echo") end,
  function()
    session("self-signed allowed", net.WebSocketClientTls({ allowSelfSigned = true }),
      "wss://localhost:" .. wss_port .. "/echo")
  end,
  function()
    session("by address", net.WebSocketClientTls({ allowSelfSigned = true }), "wss://127.0.0.1:" .. wss_port .. "/echo")
  end,
  function()
    session("TLS to a plain server", net.WebSocketClientTls({ allowSelfSigned = true }),
      "wss://127.0.0.1:" .. ws_port .. "/echo")
  end,
}
next_step()
