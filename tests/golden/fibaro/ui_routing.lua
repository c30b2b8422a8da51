--%%name:Router
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
--%%u:{button="b1",text="B1",onReleased="pressed"}
-- UI events as the box routes them. There is no default UIHandler: without
-- one, the callback registered on the device that was used runs (a child's
-- too); once the code defines QuickApp:UIHandler, it takes every event,
-- its children's included.
class "Knob"(QuickAppChild)
function Knob:__init(device)
  QuickAppChild.__init(self, device)
  self:registerUICallbacks() -- the name QuickApp libraries use for setupUICallbacks
end
function Knob:turned(event) print("knob", event.elementName, event.eventType, event.values[1]) end
function QuickApp:pressed(event) print("main", event.elementName, event.eventType) end

function QuickApp:onInit()
  print("default UIHandler", self.UIHandler)
  local device, status = api.post("/plugins/createChildDevice", { parentId = self.id, name = "Knob",
    type = "com.fibaro.multilevelSwitch",
    initialProperties = { uiCallbacks = { { name = "k", eventType = "onChanged", callback = "turned" } } } })
  print("createChildDevice", status, device.parentId == self.id)
  local knob = Knob(device)
  self.childDevices[knob.id] = knob
  knob:UIAction("onChanged", "k", 7) -- at once
  fibaro.callUI(self.id, "onReleased", "b1") -- each a task of its own
  fibaro.callUI(knob.id, "onChanged", "k", 42)
  fibaro.callUI(knob.id, "onChanged", "nosuch")
  setTimeout(function()
    function QuickApp:UIHandler(event)
      print("UIHandler", event.deviceId == self.id and "main" or "child", event.elementName, event.eventType)
    end
    fibaro.callUI(self.id, "onReleased", "b1")
    fibaro.callUI(knob.id, "onChanged", "k", 43)
  end, 0)
end
