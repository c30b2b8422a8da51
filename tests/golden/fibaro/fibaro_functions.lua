--%%name:Funcs
--%%id:100
--%%time:2026-11-23 08:00:00
-- fibaro.*: logging with tags, device queries, globals, timers, sleep,
-- custom events, calls, and what needs a real HC3.
function QuickApp:onInit()
  fibaro.debug("MyTag", "debug", 1, { 2 })
  fibaro.trace("MyTag", "trace")
  fibaro.warning("MyTag", "warning")
  fibaro.error("MyTag", "error")
  hub.debug("Hub", "hub is fibaro:", hub == fibaro)
  local value, modified = fibaro.get(self.id, "value")
  print(value, modified == os.time())
  print(fibaro.getValue(self.id, "value"), fibaro.getValue(self.id, "nope"), fibaro.getValue(999, "value"))
  print(fibaro.getType(self.id), fibaro.getName(self.id), fibaro.getType(999))
  print(fibaro.getRoomID(self.id), fibaro.getRoomName(219), fibaro.getSectionID(self.id), fibaro.getRoomNameByDeviceID(self.id))
  local child = self:createChildDevice({ name = "Lamp", type = "com.fibaro.binarySwitch" })
  print("all", json.encode(fibaro.getDevicesID()))
  print("by type", json.encode(fibaro.getDevicesID({ type = "com.fibaro.binarySwitch" })))
  print("by parent", json.encode(fibaro.getDevicesID({ parentId = self.id })))
  print("by interface", json.encode(fibaro.getDevicesID({ interfaces = { "quickAppChild" } })))
  print("by property", json.encode(fibaro.getDevicesID({ properties = { value = false } })))
  print("getIds", json.encode(fibaro.getIds(api.get("/devices"))))
  print("global", fibaro.getGlobalVariable("G1"))
  fibaro.setGlobalVariable("G1", 42)
  local g, changed = fibaro.getGlobalVariable("G1")
  print("global", g, changed == os.time())
  print("global type", type((fibaro.getGlobalVariable("G1"))))
  local cleared = fibaro.setTimeout(10, function() print("never") end)
  fibaro.clearTimeout(cleared)
  fibaro.setTimeout(20, function() print("timeout 20") end)
  fibaro.setTimeout(5, function() print("timeout 5") end)
  print("sleep start")
  fibaro.sleep(30)
  print("sleep end")
  fibaro.emitCustomEvent("Hello")
  local events = api.get("/refreshStates").events
  print("last event", events[#events].type, events[#events].data.name)
  fibaro.call(child.id, "turnOn")
  fibaro.call({ child.id, self.id }, "ping", "x")
  fibaro.call(4242, "turnOn")
  print("calls queued")
  print(pcall(fibaro.alarm, 1, "arm"))
  print(pcall(fibaro.scene, "execute", { 1 }))
  print(pcall(function() fibaro.call("x", "turnOn") end))
  print(pcall(fibaro.call, 1.5, "turnOn"))
  print(pcall(fibaro.call, self.id, 3))
  print(pcall(fibaro.get, self.id))
  print(pcall(fibaro.setTimeout, "x", print))
  print(pcall(fibaro.sleep, "x"))
  print(pcall(fibaro.debug))
  print(pcall(fibaro.getDevicesID, 3))
end
function QuickApp:ping(arg) self:debug("main ping", arg) end
function QuickAppChild:turnOn() self:updateProperty("value", true); self:debug("child on", self.id, fibaro.getValue(self.id, "value")) end
function QuickAppChild:ping(arg) self:debug("child ping", arg) end
-- (fibaro_functions.cmd) A timer made through fibaro.setTimeout is reported
-- at the script's line, not inside the emulation.
if arg[1] == "late-error" then
  function QuickApp:onInit() fibaro.setTimeout(1, function() error("late") end) end
end
