--%%name:WS Bridge
--%%type:com.fibaro.binarySwitch
--%%fullLua:true -- the test reads its server ports with os.getenv
--%%time:2026-11-23 12:00:00
-- A QuickApp with the HC3's net.WebSocketClient and net.WebSocketClientTls,
-- one connection after the other: an echo over ws://, one over wss://
-- (the test's self-signed certificate, allowed), and plua's own
-- /api/events stream (its server and this client share one libwebsockets
-- context), which reports the QuickApp's own updateProperty. Nothing else
-- keeps the QuickApp running: the run ends once the last one is closed.

function QuickApp:bridge(name, client, url, on_connected, on_data, after)
  client:addEventListener("connected", function()
    self:debug(name, "connected")
    on_connected(client)
  end)
  client:addEventListener("dataReceived", function(data)
    if on_data(data) then client:close() end
  end)
  client:addEventListener("error", function(message) self:error(name, message) end)
  client:addEventListener("disconnected", function()
    self:debug(name, "disconnected")
    if after then after() end
  end)
  client:connect(url)
end

function QuickApp:echo(name, client, url, after)
  self:bridge(name, client, url, function(c) c:send(name .. " says hi") end, function(data)
    self:debug(name, "received", data)
    return true
  end, after)
end

function QuickApp:events()
  self:bridge("events", net.WebSocketClient(), "ws://127.0.0.1:" .. os.getenv("API_PORT") .. "/api/events",
    function() self:updateProperty("value", true) end,
    function(data)
      local event = json.decode(data)
      if event.type ~= "DevicePropertyUpdatedEvent" then return false end
      self:debug("events", event.type, event.data.id, event.data.property, tostring(event.data.newValue))
      return true
    end)
end

function QuickApp:onInit()
  self:debug("onInit", type(net.WebSocketClient), type(net.WebSocketClientTls))
  self:echo("plain", net.WebSocketClient(), "ws://127.0.0.1:" .. os.getenv("WS_PORT") .. "/echo", function()
    self:echo("tls", net.WebSocketClientTls({ allowSelfSigned = true }),
      "wss://localhost:" .. os.getenv("WSS_PORT") .. "/echo", function() self:events() end)
  end)
end
