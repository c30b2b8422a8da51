-- Naive timer globals over lua-luv: one libuv timer per call, as a plain
-- binding would do it. Loaded by the *.luv.lua workloads with dofile().
local uv = require("luv")

local function pack_call(fn, ...)
  local n = select("#", ...)
  if n == 0 then return fn end
  local args = table.pack(...)
  return function() return fn(table.unpack(args, 1, args.n)) end
end

function setTimeout(fn, ms, ...)
  local call = pack_call(fn, ...)
  local t = uv.new_timer()
  t:start(ms or 0, 0, function()
    t:close()
    call()
  end)
  return t
end

function setInterval(fn, ms, ...)
  local call = pack_call(fn, ...)
  local t = uv.new_timer()
  if not ms or ms < 1 then ms = 1 end
  t:start(ms, ms, call)
  return t
end

function clearTimeout(t)
  if t and not t:is_closing() then
    t:stop()
    t:close()
  end
end
clearInterval = clearTimeout

return uv
