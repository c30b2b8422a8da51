-- QuickAppBase, QuickApp and QuickAppChild: the device objects a QuickApp
-- script extends, as on the HC3. State lives in plua.fibaro.model; the
-- objects are views of their device records.
local class = require("plua.fibaro.class")
local model = require("plua.fibaro.model")
local log = require("plua.fibaro.log")

local M = {}

local function tag() return rawget(_G, "__TAG") or "QUICKAPP" end

local function check(cond, n, name, msg)
  if not cond then error(("bad argument #%d to '%s' (%s)"):format(n, name, msg), 3) end
end

local function device_of(self)
  local device = model.devices[self.id]
  if not device then error(("device %s no longer exists"):format(tostring(self.id)), 3) end
  return device
end

local QuickAppBase = class.new("QuickAppBase")
M.QuickAppBase = QuickAppBase

-- Binds an object to its device record and registers it for fibaro.call.
function QuickAppBase:__init(device)
  self.id, self.name, self.type = device.id, device.name, device.type
  self.properties = device.properties
  self.parentId = device.parentId
  self.uiCallbacks = self.uiCallbacks or {}
  model.objects[device.id] = self
end

function QuickAppBase:debug(...) log.write("DEBUG", tag(), ...) end
function QuickAppBase:trace(...) log.write("TRACE", tag(), ...) end
function QuickAppBase:warning(...) log.write("WARNING", tag(), ...) end
function QuickAppBase:error(...) log.write("ERROR", tag(), ...) end

function QuickAppBase:updateProperty(name, value)
  check(type(name) == "string", 1, "updateProperty", "property name expected, got " .. type(name))
  device_of(self)
  model.set_property(self.id, name, value)
end

-- The UI: labels, buttons and sliders keep their properties here.
function QuickAppBase:updateView(element, property, value)
  check(type(element) == "string", 1, "updateView", "element id expected, got " .. type(element))
  check(type(property) == "string", 2, "updateView", "property name expected, got " .. type(property))
  local view = device_of(self).view
  view[element] = view[element] or {}
  view[element][property] = value
  model.emit("PluginChangedViewEvent", { deviceId = self.id, elementName = element, propertyName = property,
    newValue = value })
end

function QuickAppBase:setVariable(name, value)
  check(type(name) == "string", 1, "setVariable", "variable name expected, got " .. type(name))
  local vars = device_of(self).properties.quickAppVariables
  local list = model.copy(vars)
  local found = false
  for _, v in ipairs(list) do
    if v.name == name then v.value, found = value, true break end
  end
  if not found then list[#list + 1] = { name = name, value = value } end
  model.set_property(self.id, "quickAppVariables", list)
  self.properties = device_of(self).properties
  model.save()
end

-- A missing variable is "" (as on the HC3).
function QuickAppBase:getVariable(name)
  check(type(name) == "string", 1, "getVariable", "variable name expected, got " .. type(name))
  for _, v in ipairs(device_of(self).properties.quickAppVariables) do
    if v.name == name then return v.value end
  end
  return ""
end

local function storage_of(self)
  local entries = model.storage[self.id]
  if not entries then
    entries = {}
    model.storage[self.id] = entries
  end
  return entries
end

function QuickAppBase:internalStorageSet(key, value, hidden)
  check(type(key) == "string", 1, "internalStorageSet", "key expected, got " .. type(key))
  storage_of(self)[key] = { value = model.copy(value), hidden = hidden == true }
  model.save()
  return 200
end

function QuickAppBase:internalStorageGet(key)
  local entries = storage_of(self)
  if key == nil then
    local all = {}
    for k, entry in pairs(entries) do all[k] = model.copy(entry.value) end
    return all
  end
  check(type(key) == "string", 1, "internalStorageGet", "key expected, got " .. type(key))
  local entry = entries[key]
  if entry then return model.copy(entry.value) end
  return nil
end

function QuickAppBase:internalStorageRemove(key)
  check(type(key) == "string", 1, "internalStorageRemove", "key expected, got " .. type(key))
  local entries = storage_of(self)
  local existed = entries[key] ~= nil
  entries[key] = nil
  model.save()
  return existed and 200 or 404
end

function QuickAppBase:internalStorageClear()
  model.storage[self.id] = {}
  model.save()
  return 200
end

function QuickAppBase:setName(name)
  check(type(name) == "string", 1, "setName", "string expected, got " .. type(name))
  device_of(self).name = name
  self.name = name
  model.emit("DeviceModifiedEvent", { id = self.id })
end

function QuickAppBase:setEnabled(enabled)
  device_of(self).enabled = enabled == true
  model.emit("DeviceModifiedEvent", { id = self.id })
end

function QuickAppBase:setVisible(visible)
  device_of(self).visible = visible == true
  model.emit("DeviceModifiedEvent", { id = self.id })
end

function QuickAppBase:hasInterface(name)
  for _, i in ipairs(device_of(self).interfaces) do
    if i == name then return true end
  end
  return false
end

function QuickAppBase:addInterfaces(list)
  check(type(list) == "table", 1, "addInterfaces", "table of interface names expected, got " .. type(list))
  local interfaces = device_of(self).interfaces
  for _, name in ipairs(list) do
    if not self:hasInterface(name) then interfaces[#interfaces + 1] = name end
  end
  model.emit("DeviceModifiedEvent", { id = self.id })
end

function QuickAppBase:deleteInterfaces(list)
  check(type(list) == "table", 1, "deleteInterfaces", "table of interface names expected, got " .. type(list))
  local interfaces = device_of(self).interfaces
  for _, name in ipairs(list) do
    for i = #interfaces, 1, -1 do
      if interfaces[i] == name then table.remove(interfaces, i) end
    end
  end
  model.emit("DeviceModifiedEvent", { id = self.id })
end

-- What fibaro.call and /devices/{id}/action/{name} run.
function QuickAppBase:callAction(name, ...)
  check(type(name) == "string", 1, "callAction", "action name expected, got " .. type(name))
  local method = self[name]
  if type(method) ~= "function" then
    self:error(("Class does not have %s function defined - action ignored"):format(name))
    return
  end
  return method(self, ...)
end

function QuickAppBase:registerUICallback(element, event, method)
  check(type(element) == "string", 1, "registerUICallback", "element id expected, got " .. type(element))
  check(type(event) == "string", 2, "registerUICallback", "event type expected, got " .. type(event))
  check(type(method) == "string", 3, "registerUICallback", "method name expected, got " .. type(method))
  self.uiCallbacks[element] = self.uiCallbacks[element] or {}
  self.uiCallbacks[element][event] = method
end

-- A UI event ({deviceId, elementName, eventType, values}) -> its method.
function QuickAppBase:UIHandler(event)
  local callbacks = self.uiCallbacks[event.elementName]
  local method = callbacks and callbacks[event.eventType]
  if method and type(self[method]) == "function" then
    return self[method](self, event)
  end
  self:warning(("UI callback for element %s not found"):format(tostring(event.elementName)))
end

-- ---- QuickApp ----------------------------------------------------------------

local QuickApp = class.inherit(class.new("QuickApp"), QuickAppBase)
M.QuickApp = QuickApp

function QuickApp:__init(device)
  QuickAppBase.__init(self, device)
  self.childDevices = {}
  for _, ui in ipairs(M.ui_callbacks or {}) do
    self:registerUICallback(ui[1], ui[2], ui[3])
  end
  if self.onInit then self:onInit() end
end

-- spec = { name, type, initialProperties, initialInterfaces }
function QuickApp:createChildDevice(spec, childClass)
  check(type(spec) == "table", 1, "createChildDevice", "table expected, got " .. type(spec))
  check(type(spec.name) == "string", 1, "createChildDevice", "field 'name' must be a string")
  check(type(spec.type) == "string" and model.is_known_type(spec.type), 1, "createChildDevice",
    "field 'type' must be a device type such as com.fibaro.binarySwitch")
  childClass = childClass or M.QuickAppChild
  check(type(childClass) == "table", 2, "createChildDevice", "class expected, got " .. type(childClass))
  local interfaces = { "quickAppChild" }
  for _, i in ipairs(spec.initialInterfaces or {}) do interfaces[#interfaces + 1] = i end
  local device = model.create_device({ name = spec.name, type = spec.type, parentId = self.id,
    properties = spec.initialProperties, interfaces = interfaces })
  local child = childClass(device)
  self.childDevices[device.id] = child
  return child
end

-- Instantiates the existing children of this QuickApp, by type.
function QuickApp:initChildDevices(map)
  map = map or {}
  check(type(map) == "table", 1, "initChildDevices", "table of type -> class expected, got " .. type(map))
  for _, id in ipairs(model.device_ids()) do
    local device = model.devices[id]
    if device.parentId == self.id and not self.childDevices[id] then
      local cls = map[device.type] or M.QuickAppChild
      self.childDevices[id] = cls(device)
    end
  end
end

function QuickApp:removeChildDevice(id)
  check(math.type(id) == "integer", 1, "removeChildDevice", "device id expected, got " .. type(id))
  self.childDevices[id] = nil
  model.remove_device(id)
end

-- ---- QuickAppChild -----------------------------------------------------------

local QuickAppChild = class.inherit(class.new("QuickAppChild"), QuickAppBase)
M.QuickAppChild = QuickAppChild

function QuickAppChild:__init(device)
  QuickAppBase.__init(self, device)
  self.parent = model.objects[device.parentId]
  if self.onInit then self:onInit() end
end

return M
