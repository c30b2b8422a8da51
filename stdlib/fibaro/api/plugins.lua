-- /plugins: what a QuickApp's own UI, properties, variables, children and
-- interfaces go through on the box.
local model = require("plua.fibaro.model")
local tasks = require("plua.fibaro.tasks")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request = router.route, router.not_found, router.bad_request
local number_of, scalar = router.number_of, router.scalar

local M = {}

local function ui_event(_, data, query)
  local e = next(query) and query or data
  local id = number_of(e.deviceID or e.deviceId)
  local object = id and model.objects[id]
  if not object then return not_found("Device") end
  if type(e.elementName) ~= "string" then return bad_request("elementName expected") end
  if e.eventType ~= nil and type(e.eventType) ~= "string" then return bad_request("eventType must be a string") end
  if e.values ~= nil and type(e.values) ~= "table" then return bad_request("values must be a list") end
  local values = e.values or (e.value ~= nil and { scalar(e.value) } or {})
  local event = { deviceId = id, elementName = e.elementName, eventType = e.eventType or "onReleased", values = values }
  tasks.post(function() require("plua.fibaro.quickapp").ui_event(object, event) end, "ui")
  return nil, 200
end
route("GET", "/plugins/callUIEvent", ui_event)
route("POST", "/plugins/callUIEvent", ui_event)

route("POST", "/plugins/updateProperty", function(_, data)
  local id = number_of(data.deviceId)
  if not (id and model.devices[id]) then return not_found("Device") end
  if model.name_error(data.propertyName, "propertyName") then return bad_request("propertyName expected") end
  local err = model.property_error(data.propertyName, data.value)
  if err then return bad_request(err) end
  model.set_property(id, data.propertyName, data.value)
  return nil, 200
end)

-- { deviceId, componentName, propertyName, newValue }: as self:updateView.
route("POST", "/plugins/updateView", function(_, data)
  local id = number_of(data.deviceId)
  local device = id and model.devices[id]
  if not device then return not_found("Device") end
  if type(data.componentName) ~= "string" then return bad_request("componentName expected") end
  if type(data.propertyName) ~= "string" then return bad_request("propertyName expected") end
  local err = model.value_error(data.newValue, "newValue")
  if err then return bad_request(err) end
  model.update_view(id, data.componentName, data.propertyName, data.newValue)
  return nil, 200
end)

route("GET", "/plugins/getView", function(_, _, query)
  local id = number_of(query.id or query.deviceId)
  local device = id and model.devices[id]
  if not device then return not_found("Device") end
  return model.copy(device.view), 200
end)

-- { type, source, data }: an event a QuickApp publishes (centralSceneEvent,
-- sceneActivationEvent, ...) goes to the event log, as the box relays it.
local published = { centralSceneEvent = "CentralSceneEvent", sceneActivationEvent = "SceneActivationEvent",
  accessControlEvent = "AccessControlEvent", videoGateIncomingCallEvent = "VideoGateIncomingCallEvent" }
route("POST", "/plugins/publishEvent", function(_, data)
  local kind = published[data.type]
  if not kind then return bad_request("type must be one of centralSceneEvent, sceneActivationEvent, "
    .. "accessControlEvent, videoGateIncomingCallEvent") end
  if not model.devices[number_of(data.source)] then return not_found("Source device") end
  local event_data = model.copy(type(data.data) == "table" and data.data or {})
  event_data.id = number_of(data.source)
  model.emit(kind, event_data)
  return nil, 200
end)

-- ---- internal storage: /plugins/{id}/variables[/{name}] -------------------------
-- What internalStorageSet/Get keep (model.storage), as the box serves it:
-- { name, value, isHidden } records, listed in name order.

local function storage_of(id)
  local n = number_of(id)
  if not (n and model.devices[n]) then return nil end
  model.storage[n] = model.storage[n] or {}
  return model.storage[n], n
end

local function record(name, entry) return { name = name, value = model.copy(entry.value), isHidden = entry.hidden } end

route("GET", "/plugins/(%d+)/variables", function(c)
  local entries = storage_of(c[1])
  if not entries then return not_found("Device") end
  local names = {}
  for name in pairs(entries) do names[#names + 1] = name end
  table.sort(names)
  local list = {}
  for i, name in ipairs(names) do list[i] = record(name, entries[name]) end
  return list, 200
end)

route("GET", "/plugins/(%d+)/variables/([^/]+)", function(c)
  local entries = storage_of(c[1])
  if not entries then return not_found("Device") end
  if not entries[c[2]] then return not_found("Variable") end
  return record(c[2], entries[c[2]]), 200
end)

-- Sets (create = true: adds) storage key `name` of device `id`.
local function write_entry(id, name, data, create)
  local entries = storage_of(id)
  if not entries then return not_found("Device") end
  local err = model.name_error(name, "name") or model.value_error(data.value, "value")
  if err then return bad_request(err) end
  if data.isHidden ~= nil and type(data.isHidden) ~= "boolean" then return bad_request("isHidden must be a boolean") end
  if entries[name] and create then return router.conflict("Variable") end
  if not entries[name] and not create then return not_found("Variable") end
  local hidden = data.isHidden
  if hidden == nil then hidden = entries[name] and entries[name].hidden or false end
  entries[name] = { value = model.copy(data.value), hidden = hidden }
  model.save()
  return record(name, entries[name]), create and 201 or 200
end

route("POST", "/plugins/(%d+)/variables", function(c, data) return write_entry(c[1], data.name, data, true) end)
route("PUT", "/plugins/(%d+)/variables/([^/]+)", function(c, data) return write_entry(c[1], c[2], data, false) end)

route("DELETE", "/plugins/(%d+)/variables/([^/]+)", function(c)
  local entries = storage_of(c[1])
  if not entries then return not_found("Device") end
  if not entries[c[2]] then return not_found("Variable") end
  entries[c[2]] = nil
  model.save()
  return nil, 200
end)

route("DELETE", "/plugins/(%d+)/variables", function(c)
  local entries, id = storage_of(c[1])
  if not entries then return not_found("Device") end
  model.storage[id] = {}
  model.save()
  return nil, 200
end)

-- ---- children, interfaces, restart --------------------------------------------

-- { parentId, name, type [, initialProperties, initialInterfaces] } -> the new
-- child device (200, as the box answers); the QuickApp object for it is
-- the caller's business.
route("POST", "/plugins/createChildDevice", function(_, data)
  local parent = model.devices[number_of(data.parentId)]
  if not parent then return not_found("Parent device") end
  local err = model.child_spec_error(data)
  if err then return bad_request(err) end
  local interfaces = { "quickAppChild" }
  for _, i in ipairs(data.initialInterfaces or {}) do interfaces[#interfaces + 1] = i end
  local device = model.create_device({ name = data.name, type = data.type, parentId = parent.id,
    properties = data.initialProperties, interfaces = interfaces })
  return model.copy(device), 200
end)

route("DELETE", "/plugins/removeChildDevice/(%d+)", function(c)
  local id = number_of(c[1])
  local device = model.devices[id]
  if not device or device.parentId == 0 then return not_found("Child device") end
  local parent = model.objects[device.parentId]
  if parent and type(parent.childDevices) == "table" then parent.childDevices[id] = nil end
  model.remove_device(id)
  return nil, 200
end)

-- { action = "add" | "delete", deviceId, interfaces = { ... } }
route("POST", "/plugins/interfaces", function(_, data)
  local id = number_of(data.deviceId)
  if not (id and model.devices[id]) then return not_found("Device") end
  if data.action ~= "add" and data.action ~= "delete" then return bad_request("action must be 'add' or 'delete'") end
  local err = model.interfaces_error(data.interfaces)
  if err then return bad_request(err) end
  if data.action == "add" then model.add_interfaces(id, data.interfaces) else model.delete_interfaces(id, data.interfaces) end
  return nil, 200
end)

-- { deviceId }: restarts that QuickApp in place (M.restart is set by the
-- emulation's boot, which knows how).
route("POST", "/plugins/restart", function(_, data)
  local id = number_of(data.deviceId)
  if not (id and model.objects[id]) then return not_found("QuickApp") end
  if not M.restart then return router.error(501, "NotImplemented", "restart is not available") end
  M.restart(id)
  return nil, 200
end)

return M
