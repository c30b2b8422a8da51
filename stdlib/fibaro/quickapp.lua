-- QuickAppBase, QuickApp and QuickAppChild: the device objects a QuickApp
-- script extends, as on the HC3. State lives in plua.fibaro.model; the
-- objects are views of their device records.
local class = require("plua.fibaro.class")
local model = require("plua.fibaro.model")
local log = require("plua.fibaro.log")
local args = require("plua.args")

local M = {}

-- The log tag of the QuickApp `self` belongs to (a child logs with its
-- parent's, as on the box).
local owners = setmetatable({}, { __mode = "k" }) -- object -> its QuickApp's record, from its birth

local function tag(self)
  local qa = owners[self]
  if not qa then
    local t = type(self)
    qa = (t == "userdata" or t == "table") and math.type(self.id) == "integer" and model.quickapp_of(self.id)
  end
  return qa and rawget(qa.env, "__TAG") or "QUICKAPP"
end


local check = args.check

-- check() for a message that is nil when the argument is fine.
local function check_error(err, n, name)
  if err then args.error(n, name, err) end
end

-- self.method(...) instead of self:method(...) passes the first argument
-- as self; say so rather than failing somewhere inside.
local function self_error(self, name)
  if class.is_object(self) and math.type(self.id) == "integer" then return nil end
  local got = type(self)
  if class.is_object(self) then got = "an object without an id" elseif got == "table" then got = "a table" end
  return ("calling '%s' on bad self (QuickApp object expected, got %s; call it as self:%s(...))"):format(name, got, name)
end

local function check_self(self, name)
  local err = self_error(self, name)
  if err then args.raise(err) end
end

local function device_of(self, name)
  check_self(self, name)
  local device = model.devices[self.id]
  if not device then args.raise(("'%s': device %d no longer exists"):format(name, self.id)) end
  return device
end

-- Is cls a class made by class()/class.new that derives from base?
local function derives(cls, base)
  local seen = 0
  while type(cls) == "table" and seen < 100 do
    if cls == base then return true end
    local mt = getmetatable(cls)
    cls, seen = mt and rawget(mt, "__index"), seen + 1
  end
  return false
end

local function class_error(cls)
  if derives(cls, M.QuickAppChild) then return nil end
  if type(cls) ~= "table" then return "class expected, got " .. type(cls) end
  return "class derived from QuickAppChild expected"
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
  owners[self] = model.quickapp_of(device.id)
end

function QuickAppBase:debug(...) log.write("DEBUG", tag(self), ...) end
function QuickAppBase:trace(...) log.write("TRACE", tag(self), ...) end
function QuickAppBase:warning(...) log.write("WARNING", tag(self), ...) end
function QuickAppBase:error(...) log.write("ERROR", tag(self), ...) end

function QuickAppBase:updateProperty(name, value)
  device_of(self, "updateProperty")
  check_error(model.name_error(name, "property name"), 1, "updateProperty")
  check_error(model.property_error(name, value), 2, "updateProperty")
  model.set_property(self.id, name, value)
end

-- The UI: labels, buttons and sliders keep their properties here.
function QuickAppBase:updateView(element, property, value)
  device_of(self, "updateView")
  check(type(element) == "string", 1, "updateView", "element id expected, got " .. type(element))
  check(type(property) == "string", 2, "updateView", "property name expected, got " .. type(property))
  check_error(model.value_error(value, "view value"), 3, "updateView")
  model.update_view(self.id, element, property, value)
end

function QuickAppBase:setVariable(name, value)
  local vars = device_of(self, "setVariable").properties.quickAppVariables
  check_error(model.name_error(name, "variable name"), 1, "setVariable")
  check_error(model.value_error(value, "variable value"), 2, "setVariable")
  local list = model.copy(vars)
  local found = false
  for _, v in ipairs(list) do
    if v.name == name then v.value, found = value, true break end
  end
  if not found then list[#list + 1] = { name = name, value = value } end
  model.set_property(self.id, "quickAppVariables", list)
  self.properties = model.devices[self.id].properties
  model.save()
end

-- A missing variable is "" (as on the HC3).
function QuickAppBase:getVariable(name)
  local vars = device_of(self, "getVariable").properties.quickAppVariables
  check(type(name) == "string", 1, "getVariable", "variable name expected, got " .. type(name))
  for _, v in ipairs(vars) do
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
  check_self(self, "internalStorageSet")
  check_error(model.name_error(key, "key"), 1, "internalStorageSet")
  check_error(model.value_error(value, "storage value"), 2, "internalStorageSet")
  check(hidden == nil or type(hidden) == "boolean", 3, "internalStorageSet", "boolean expected, got " .. type(hidden))
  storage_of(self)[key] = { value = model.copy(value), hidden = hidden == true }
  model.save()
  return 200
end

function QuickAppBase:internalStorageGet(key)
  check_self(self, "internalStorageGet")
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
  check_self(self, "internalStorageRemove")
  check(type(key) == "string", 1, "internalStorageRemove", "key expected, got " .. type(key))
  local entries = storage_of(self)
  local existed = entries[key] ~= nil
  entries[key] = nil
  model.save()
  return existed and 200 or 404
end

function QuickAppBase:internalStorageClear()
  check_self(self, "internalStorageClear")
  model.storage[self.id] = {}
  model.save()
  return 200
end

function QuickAppBase:setName(name)
  local device = device_of(self, "setName")
  check_error(model.name_error(name, "name"), 1, "setName")
  device.name = name
  self.name = name
  model.emit("DeviceModifiedEvent", { id = self.id })
end

-- setEnabled(bool) / setVisible(bool): one boolean field of the device.
for method, field in pairs({ setEnabled = "enabled", setVisible = "visible" }) do
  QuickAppBase[method] = function(self, value)
    local device = device_of(self, method)
    check(type(value) == "boolean", 1, method, "boolean expected, got " .. type(value))
    device[field] = value
    model.emit("DeviceModifiedEvent", { id = self.id })
  end
end

function QuickAppBase:hasInterface(name)
  local device = device_of(self, "hasInterface")
  check(type(name) == "string", 1, "hasInterface", "interface name expected, got " .. type(name))
  return model.has_interface(device, name)
end

function QuickAppBase:addInterfaces(list)
  device_of(self, "addInterfaces")
  check_error(model.interfaces_error(list), 1, "addInterfaces")
  model.add_interfaces(self.id, list)
end

function QuickAppBase:deleteInterfaces(list)
  device_of(self, "deleteInterfaces")
  check_error(model.interfaces_error(list), 1, "deleteInterfaces")
  model.delete_interfaces(self.id, list)
end

-- What fibaro.call and /devices/{id}/action/{name} run.
function QuickAppBase:callAction(name, ...)
  check_self(self, "callAction")
  if type(name) ~= "string" then check(false, 1, "callAction", "action name expected, got " .. type(name)) end
  local method = self[name]
  if type(method) ~= "function" then
    self:error(("Class does not have %s function defined - action ignored"):format(name))
    return
  end
  return method(self, ...)
end

function QuickAppBase:registerUICallback(element, event, method)
  check_self(self, "registerUICallback")
  check(type(element) == "string", 1, "registerUICallback", "element id expected, got " .. type(element))
  check(type(event) == "string", 2, "registerUICallback", "event type expected, got " .. type(event))
  check(type(method) == "string", 3, "registerUICallback", "method name expected, got " .. type(method))
  self.uiCallbacks[element] = self.uiCallbacks[element] or {}
  self.uiCallbacks[element][event] = method
end

-- The callbacks the device's uiCallbacks property lists ({ name,
-- eventType, callback }), as the box registers them for a new object.
function QuickAppBase:setupUICallbacks()
  local device = device_of(self, "setupUICallbacks")
  for _, cb in ipairs(device.properties.uiCallbacks or {}) do
    if type(cb) == "table" and type(cb.name) == "string" and type(cb.eventType) == "string"
        and type(cb.callback) == "string" and cb.callback ~= "" then
      self:registerUICallback(cb.name, cb.eventType, cb.callback)
    end
  end
end

-- The name QuickApp libraries (QwikChild) call on the box.
QuickAppBase.registerUICallbacks = QuickAppBase.setupUICallbacks

-- A UI event raised from code, as if the element had been used.
function QuickAppBase:UIAction(eventType, elementName, arg)
  check_self(self, "UIAction")
  check(type(eventType) == "string", 1, "UIAction", "event type expected, got " .. type(eventType))
  check(type(elementName) == "string", 2, "UIAction", "element name expected, got " .. type(elementName))
  return M.ui_event(self, { deviceId = self.id, eventType = eventType, elementName = elementName,
    values = arg ~= nil and { arg } or {} })
end

-- POST /plugins/interfaces for this device: action "add" or "delete".
function QuickAppBase:updateInterfaces(action, list)
  device_of(self, "updateInterfaces")
  check(action == "add" or action == "delete", 1, "updateInterfaces", "'add' or 'delete' expected, got " .. model.describe(action))
  check_error(model.interfaces_error(list), 2, "updateInterfaces")
  if action == "add" then model.add_interfaces(self.id, list) else model.delete_interfaces(self.id, list) end
end

-- Whether the device's type is `kind` or derives from it (through the
-- HC3's baseType chain).
function QuickAppBase:isTypeOf(kind)
  local device = device_of(self, "isTypeOf")
  check(type(kind) == "string", 1, "isTypeOf", "device type expected, got " .. type(kind))
  return model.is_type_of(device.type, kind)
end

-- A UI event ({deviceId, elementName, eventType, values}) on `object`, as
-- the box routes it: a QuickApp:UIHandler of its QuickApp, if the code
-- defines one, takes every event, its children's too (there is no default
-- UIHandler, so `if not self.UIHandler` works as there); else the method
-- the object registered for the element and event type.
function M.ui_event(object, event)
  local qa = model.quickapp_of(object.id)
  local main = qa and model.objects[qa.id]
  local handler = main and main.UIHandler
  if type(handler) == "function" then return handler(main, event) end
  local callbacks = object.uiCallbacks[event.elementName]
  local method = callbacks and callbacks[event.eventType]
  if method and type(object[method]) == "function" then
    return object[method](object, event)
  end
  object:warning(("UI callback for element %s not found"):format(tostring(event.elementName)))
end

-- The QuickAppChild of the QuickApp's own environment (its code may have
-- added methods to it).
local function default_child_class(self)
  local qa = owners[self] or model.quickapp_of(self.id)
  return qa and rawget(qa.env, "QuickAppChild") or M.QuickAppChild
end

-- ---- QuickApp ----------------------------------------------------------------

local QuickApp = class.inherit(class.new("QuickApp"), QuickAppBase)
M.QuickApp = QuickApp

-- As on the box: the UI callbacks, onInit, then the children (if onInit
-- did not initChildDevices itself, they get the QuickAppChild class).
function QuickApp:__init(device)
  QuickAppBase.__init(self, device)
  self.childDevices = {}
  self:setupUICallbacks()
  if self.onInit then self:onInit() end
  if not class.own(self, "_children_ready") then self:initChildDevices() end
end

-- spec = { name, type, initialProperties, initialInterfaces }
function QuickApp:createChildDevice(spec, childClass)
  device_of(self, "createChildDevice")
  check_error(model.child_spec_error(spec), 1, "createChildDevice")
  childClass = childClass or default_child_class(self)
  check_error(class_error(childClass), 2, "createChildDevice")
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
  check_self(self, "initChildDevices")
  map = map or {}
  check(type(map) == "table", 1, "initChildDevices", "table of type -> class expected, got " .. type(map))
  local kinds = {}
  for kind in pairs(map) do
    check(type(kind) == "string", 1, "initChildDevices", "table of type -> class expected, got a " .. type(kind) .. " key")
    kinds[#kinds + 1] = kind
  end
  table.sort(kinds)
  for _, kind in ipairs(kinds) do
    local err = class_error(map[kind])
    if err then check(false, 1, "initChildDevices", ("'%s': %s"):format(kind, err)) end
  end
  self._children_ready = true
  for _, id in ipairs(model.device_ids()) do
    local device = model.devices[id]
    if device.parentId == self.id and not self.childDevices[id] then
      local cls = map[device.type] or default_child_class(self)
      self.childDevices[id] = cls(device)
    end
  end
end

function QuickApp:removeChildDevice(id)
  check_self(self, "removeChildDevice")
  local n = type(id) == "number" and math.tointeger(id)
  check(n, 1, "removeChildDevice", "device id expected, got " .. model.number_text(id))
  id = n
  local device = model.devices[id]
  check(device and device.parentId == self.id, 1, "removeChildDevice",
    ("device %d is not a child of QuickApp %d"):format(id, self.id))
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
