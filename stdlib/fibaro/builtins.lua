-- The HC3's built-in globals that QuickApp libraries call (the box defines
-- them in its own Lua layer under fibaro.*): type assertions, the
-- __fibaro_get_* readers over the REST API, the debug-message writer and
-- the sleep and async-handler hooks. install(env) puts them into env.
local log = require("plua.fibaro.log")
local hub = require("plua.fibaro.hub")
local args = require("plua.args")

local M = {}

local function api() return require("plua.fibaro.api") end

-- The box's message, blaming the caller of the function that asserted
-- (`level` counts from assert_type itself).
local function assert_type(value, wanted, level)
  if type(value) ~= wanted then
    error(("Wrong parameter type, %s required. Provided param '%s' is type of %s"):format(wanted, tostring(value),
      type(value)), level or 3)
  end
end

-- The __fibaro_get_* readers: name, the REST path (formatted with the
-- arguments) and the types of the arguments. Each answers what api.get
-- does: the record and 200, or nil and the status.
local readers = {
  { "__fibaro_get_devices", "/devices" },
  { "__fibaro_get_device", "/devices/%d", "number" },
  { "__fibaro_get_devices_by_type", "/devices?type=%s", "string" },
  { "__fibaro_get_device_property", "/devices/%d/properties/%s", "number", "string" },
  { "__fibaro_get_room", "/rooms/%d", "number" },
  { "__fibaro_get_scene", "/scenes/%d", "number" },
  { "__fibaro_get_global_variable", "/globalVariables/%s", "string" },
  { "__fibaro_get_partition", "/alarms/v1/partitions/%d", "number" },
  { "__fibaro_get_partitions", "/alarms/v1/partitions" },
  { "__fibaro_get_breached_partitions", "/alarms/v1/partitions/breached" },
}

local function reader(path, first, second)
  return function(a, b)
    if first then assert_type(a, first) end
    if second then assert_type(b, second) end
    return api().get(path:format(a, b))
  end
end

function M.install(env)
  for _, r in ipairs(readers) do env[r[1]] = reader(r[2], r[3], r[4]) end
  env.__assert_type = function(value, wanted)
    if type(wanted) ~= "string" then args.error(2, "__assert_type", "type name expected, got " .. type(wanted)) end
    assert_type(value, wanted, 4) -- as the box's __assert_type: its caller's caller
  end
  env.__ternary = function(cond, a, b)
    if cond then return a end
    return b
  end
  env.__print = function(...) log.write("DEBUG", rawget(env, "__TAG") or "QUICKAPP", ...) end
  env.__fibaro_add_debug_message = function(tag, message, kind)
    local _, status = api().post("/debugMessages", { tag = tag or rawget(env, "__TAG"), message = tostring(message),
      messageType = kind or "debug" })
    if status ~= 200 then args.error(3, "__fibaro_add_debug_message", "debug, trace, warning or error expected") end
  end
  -- Blocking on the box; here the calling task waits and the loop goes on.
  env.__fibaroSleep = function(ms) hub.sleep(ms) end
  env.__fibaroUseAsyncHandler = function(value) return hub._async_handler(value) end
end

return M
