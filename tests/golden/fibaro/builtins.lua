--%%name:Builtins
--%%type:com.fibaro.multilevelSwitch
--%%time:2026-11-23 12:00:00
--%%u:{button="btn",text="B",onReleased="btn"}
--%%u:{slider="slider",onChanged="slid"}
-- The HC3's built-in globals that QuickApp libraries call, and QuickApp
-- objects that are userdata to type(), as on the box.
class "Lamp"(QuickAppChild)
function Lamp:__init(device) QuickAppChild.__init(self, device) end
function Lamp:turnOn() self:updateProperty("value", true) end

class "Point"
function Point:__init(x, y) self.x, self.y = x, y end
function Point:__tostring() return ("(%d,%d)"):format(self.x, self.y) end
function Point.__eq(a, b) return a.x == b.x and a.y == b.y end
function Point.__add(a, b) return Point(a.x + b.x, a.y + b.y) end

function QuickApp:onInit()
  print("type(self)", type(self), type(quickApp), getmetatable(self) == QuickApp)
  print("fields", self.id, self.name, self.type, self.parentId)
  self.counter = 1
  self.counter = self.counter + 1
  local keys = {}
  for k in pairs(self) do keys[#keys + 1] = k end
  table.sort(keys)
  print("own fields", table.concat(keys, ","))
  local p = Point(1, 2) + Point(3, 4)
  print("class", type(p), tostring(p), p == Point(4, 6), p == Point(0, 0))
  local child = self:createChildDevice({ name = "L", type = "com.fibaro.binarySwitch" }, Lamp)
  print("child", type(child), getmetatable(child) == Lamp, child.parent == self, child:isTypeOf("com.fibaro.actor"))
  print("isTypeOf", self:isTypeOf("com.fibaro.multilevelSwitch"), self:isTypeOf("com.fibaro.binarySwitch"),
    self:isTypeOf("com.fibaro.actor"), self:isTypeOf("com.fibaro.sensor"))
  print("ternary", __ternary(true, "a", "b"), __ternary(nil, "a", "b"))
  print("assert_type", pcall(__assert_type, 5, "number"))
  print("assert_type bad", pcall(function() __assert_type("5", "number") end))
  print("get_device", __fibaro_get_device(self.id).name, select(2, __fibaro_get_device(9999)))
  print("get_devices", #__fibaro_get_devices(), #__fibaro_get_devices_by_type("com.fibaro.binarySwitch"))
  print("get_device_property", json.encode(__fibaro_get_device_property(self.id, "value")))
  print("get_room", __fibaro_get_room(219).name, __fibaro_get_scene(1))
  fibaro.setGlobalVariable("G", "1")
  print("get_global", __fibaro_get_global_variable("G").value, __fibaro_get_global_variable("H"))
  print("partitions", json.encode(__fibaro_get_partitions()), json.encode(__fibaro_get_breached_partitions()),
    __fibaro_get_partition(1))
  __print("via __print")
  __fibaro_add_debug_message("LIB", "a library line", "warning")
  print("async", __fibaroUseAsyncHandler(), pcall(fibaro.useAsyncHandler, "yes"))
  fibaro.useAsyncHandler(false)
  print("async after", __fibaroUseAsyncHandler())
  local t = os.time()
  __fibaroSleep(100)
  print("slept", os.time() - t >= 0)
  fibaro.callUI(self.id, "onReleased", "btn")
  self:UIAction("onChanged", "slider", 42)
  fibaro.call(self.id, "setValue", 7)
  fibaro.call(child.id, "turnOn")
  print("group", json.encode(fibaro.callGroupAction("turnOff", { filters = { { filter = "type",
    value = { "com.fibaro.binarySwitch" } } } })))
  fibaro.wakeUpDeadDevice(child.id)
  fibaro.setTimeout(1, function() error("boom", 0) end, function(err) print("errorHandler got", err) end)
end

function QuickApp:btn() print("button pressed") end
function QuickApp:slid(e) print("slider", json.encode(e.values)) end
function QuickApp:setValue(v) print("setValue", v) end

-- the box hands every action to actionHandler when a QuickApp has one
function QuickApp:actionHandler(event)
  print("actionHandler", event.deviceId == self.id and "self" or "child", event.actionName, json.encode(event.args))
  if event.deviceId == self.id then return self:callAction(event.actionName, table.unpack(event.args)) end
  self.childDevices[event.deviceId]:callAction(event.actionName, table.unpack(event.args))
end

function QuickApp:onInitUI() end

-- json as the box has it: initArray, json.util.InitArray, encodeFast, encodeFormated
print("json", json.encode(json.initArray({})), json.encode(json.util.InitArray({})), json.encodeFast({ a = 1 }),
  (json.encodeFormated({ a = { 1 } }):gsub("\n", "|")))
