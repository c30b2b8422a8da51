-- Helpers for the tests/golden/sockets scripts (run by with_echo.sh,
-- which sets TCP_PORT, UDP_PORT and CLOSED_PORT).
local M = {}
M.tcp_port = tonumber(os.getenv("TCP_PORT"))
M.udp_port = tonumber(os.getenv("UDP_PORT"))
M.closed_port = tonumber(os.getenv("CLOSED_PORT"))

-- Inside M.run: calls socket:method(...) with callbacks and waits for the
-- outcome, returning "success", ... or "error", message.
function M.call(socket, method, ...)
  local co = coroutine.running()
  local args = table.pack(...)
  args[args.n + 1] = {
    success = function(...) assert(coroutine.resume(co, "success", ...)) end,
    error = function(message) assert(coroutine.resume(co, "error", message)) end,
  }
  socket[method](socket, table.unpack(args, 1, args.n + 1))
  return coroutine.yield()
end

-- Messages may name ports: make them stable.
function M.stable(text)
  for name, port in pairs({TCP = M.tcp_port, UDP = M.udp_port, CLOSED = M.closed_port}) do
    text = text:gsub(":" .. port .. "%f[%D]", ":" .. name)
  end
  return text
end

-- Prints a label and an outcome.
function M.show(label, ...)
  local out = table.pack(...)
  for i = 1, out.n do
    if type(out[i]) == "string" then out[i] = M.stable(out[i]) end
    if out[i] == M.udp_port then out[i] = "UDP" end
    out[i] = tostring(out[i])
  end
  print(label, table.concat(out, "\t"))
end

-- Runs `body` in a coroutine of its own, so that M.call can wait.
function M.run(body)
  local co = coroutine.create(body)
  assert(coroutine.resume(co))
end

return M
