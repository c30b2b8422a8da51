-- The HC3's built-in globals that QuickApp libraries call (the box defines
-- them in its own Lua layer under fibaro.*): type assertions, the
-- __fibaro_get_* readers over the REST API, the debug-message writer and
-- the sleep and async-handler hooks. install(env) puts them into env.
local log = require("plua.fibaro.log")
local hub = require("plua.fibaro.hub")
local args = require("plua.args")

local M = {}

local function api() return require("plua.fibaro.api") end

-- The box's message, blaming the caller of the function that asserted.
local function assert_type(value, wanted)
  if type(value) ~= wanted then
    error(("Wrong parameter type, %s required. Provided param '%s' is type of %s"):format(wanted, tostring(value),
      type(value)), 3)
  end
end

local function readers()
  local get = function(path) return api().get(path) end
  return {
    __fibaro_get_devices = function() return get("/devices") end,
    __fibaro_get_device = function(id)
      assert_type(id, "number")
      return get("/devices/" .. id)
    end,
    __fibaro_get_devices_by_type = function(kind)
      assert_type(kind, "string")
      return get("/devices?type=" .. kind)
    end,
    __fibaro_get_device_property = function(id, name)
      assert_type(id, "number")
      assert_type(name, "string")
      return get(("/devices/%d/properties/%s"):format(id, name))
    end,
    __fibaro_get_room = function(id)
      assert_type(id, "number")
      return get("/rooms/" .. id)
    end,
    __fibaro_get_scene = function(id)
      assert_type(id, "number")
      return get("/scenes/" .. id)
    end,
    __fibaro_get_global_variable = function(name)
      assert_type(name, "string")
      return get("/globalVariables/" .. name)
    end,
    __fibaro_get_partition = function(id)
      assert_type(id, "number")
      return get("/alarms/v1/partitions/" .. id)
    end,
    __fibaro_get_partitions = function() return get("/alarms/v1/partitions") end,
    __fibaro_get_breached_partitions = function() return get("/alarms/v1/partitions/breached") end,
  }
end

function M.install(env)
  for name, fn in pairs(readers()) do env[name] = fn end
  env.__assert_type = function(value, wanted)
    if type(wanted) ~= "string" then args.error(2, "__assert_type", "type name expected, got " .. type(wanted)) end
    assert_type(value, wanted)
  end
  env.__ternary = function(cond, a, b)
    if cond then return a end
    return b
  end
  env.__print = function(...) log.write("DEBUG", rawget(env, "__TAG") or "QUICKAPP", ...) end
  env.__fibaro_add_debug_message = function(tag, message, kind)
    local _, status = api().post("/debugMessages", { tag = tag, message = tostring(message), messageType = kind or "debug" })
    if status ~= 200 then args.error(3, "__fibaro_add_debug_message", "debug, trace, warning or error expected") end
  end
  -- Blocking on the box; here the calling task waits and the loop goes on.
  env.__fibaroSleep = function(ms) hub.sleep(ms) end
  env.__fibaroUseAsyncHandler = function(value) return hub._async_handler(value) end
end

return M
