-- /globalVariables and /customEvents: the controller's named things.
local model = require("plua.fibaro.model")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request = router.route, router.not_found, router.bad_request

-- A global variable's value: a string, or a number or boolean (stored as
-- its string); nil is "".
local function global_value_error(value)
  local t = type(value)
  if t == "nil" or t == "string" or t == "number" or t == "boolean" then return nil end
  return "value must be a string, got " .. t
end

-- POST of a named thing (global variable, custom event): 400 without a
-- name, 409 if it exists, else create(data) and 201 with the new record.
local function create_named(data, store, what, create)
  if model.name_error(data.name, "name") then return bad_request("name expected") end
  if store[data.name] then return router.conflict(what) end
  create(data)
  return model.copy(store[data.name]), 201
end

local function get_named(store, name, what)
  if not store[name] then return not_found(what) end
  return model.copy(store[name]), 200
end

route("GET", "/globalVariables", function() return model.list_globals(), 200 end)

route("POST", "/globalVariables", function(_, data)
  local err = global_value_error(data.value)
  if err then return bad_request(err) end
  return create_named(data, model.globals, "Global variable", function()
    model.set_global(data.name, data.value == nil and "" or data.value, true)
  end)
end)

route("GET", "/globalVariables/([^/]+)", function(c) return get_named(model.globals, c[1], "Global variable") end)

route("PUT", "/globalVariables/([^/]+)", function(c, data)
  if not model.globals[c[1]] then return not_found("Global variable") end
  local err = global_value_error(data.value)
  if err then return bad_request(err) end
  -- without a value (e.g. {} or no body) the value stays as it is
  if data.value ~= nil then model.set_global(c[1], data.value, false) end
  return model.copy(model.globals[c[1]]), 200
end)

route("DELETE", "/globalVariables/([^/]+)", function(c)
  if not model.delete_global(c[1]) then return not_found("Global variable") end
  return nil, 200
end)

route("GET", "/customEvents", function()
  local list = {}
  for _, name in ipairs(model.custom_events_order) do
    if model.custom_events[name] then list[#list + 1] = model.copy(model.custom_events[name]) end
  end
  return list, 200
end)

route("POST", "/customEvents", function(_, data)
  if data.userDescription ~= nil and type(data.userDescription) ~= "string" then
    return bad_request("userDescription must be a string")
  end
  return create_named(data, model.custom_events, "Custom event", function()
    model.add_custom_event(data.name, data.userDescription)
  end)
end)

route("GET", "/customEvents/([^/]+)", function(c) return get_named(model.custom_events, c[1], "Custom event") end)

route("PUT", "/customEvents/([^/]+)", function(c, data)
  local event = model.custom_events[c[1]]
  if not event then return not_found("Custom event") end
  if data.userDescription ~= nil and type(data.userDescription) ~= "string" then
    return bad_request("userDescription must be a string")
  end
  if data.userDescription then event.userDescription = data.userDescription end
  return model.copy(event), 200
end)

route("POST", "/customEvents/([^/]+)", function(c)
  if not model.custom_events[c[1]] then return not_found("Custom event") end
  model.emit("CustomEvent", { name = c[1] })
  return nil, 204
end)

route("POST", "/customEvents/([^/]+)/emit", function(c)
  if not model.custom_events[c[1]] then return not_found("Custom event") end
  model.emit("CustomEvent", { name = c[1] })
  return nil, 204
end)

route("DELETE", "/customEvents/([^/]+)", function(c)
  if not model.custom_events[c[1]] then return not_found("Custom event") end
  model.custom_events[c[1]] = nil
  return nil, 200
end)

return true
