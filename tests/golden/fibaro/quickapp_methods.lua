--%%name:Test QA
--%%type:com.fibaro.multilevelSwitch
--%%var:threshold=42
--%%var:mode="eco"
--%%var:list={1,2,3}
--%%time:2026-11-23 23:21:51
--%%u:{button='b1',text='Press',onReleased='pressed'}
--%%u:{{slider='s1',onChanged='slid'},{label='l1',text='Hello'}}
-- Every QuickApp method on the main device, in order.
function QuickApp:onInit()
  self:debug("onInit", self.id, self.name, self.type, quickApp == nil)
  self:trace("vars", self:getVariable("threshold"), self:getVariable("mode"), self:getVariable("list"),
    "[" .. self:getVariable("missing") .. "]")
  self:warning("a table", { b = 2, a = { 1, 2 } }, nil, true)
  self:error("an error line")
  self:updateProperty("value", 55)
  self:updateProperty("value", 55) -- unchanged: no event
  print("value", fibaro.getValue(self.id, "value"), self.properties.value)
  self:setVariable("threshold", 43)
  self:setVariable("fresh", "new")
  print("vars now", self:getVariable("threshold"), self:getVariable("fresh"))
  print("storage", self:internalStorageSet("k", { x = 1 }), json.encode(self:internalStorageGet("k")))
  self:internalStorageSet("k2", "v2", true)
  print("all", json.encode(self:internalStorageGet()))
  print("remove", self:internalStorageRemove("k"), self:internalStorageRemove("k"), self:internalStorageGet("k"))
  print("clear", self:internalStorageClear(), json.encode(self:internalStorageGet()))
  self:setName("Renamed")
  print("name", self.name, fibaro.getName(self.id))
  self:setEnabled(false)
  self:setVisible(false)
  local d = api.get("/devices/" .. self.id)
  print("enabled", d.enabled, "visible", d.visible)
  print("interfaces", self:hasInterface("quickApp"), self:hasInterface("power"))
  self:addInterfaces({ "power", "energy" })
  print("added", json.encode(api.get("/devices/" .. self.id).interfaces))
  self:deleteInterfaces({ "power" })
  print("deleted", json.encode(api.get("/devices/" .. self.id).interfaces))
  self:updateView("l1", "text", "Bye")
  print("view", json.encode(api.get("/plugins/getView?id=" .. self.id)))
  self:registerUICallback("b2", "onReleased", "pressed")
  print("callAction", self:callAction("double", 21))
  self:callAction("missing")
  api.post("/plugins/callUIEvent", { deviceID = self.id, elementName = "b1", eventType = "onReleased" })
  api.get("/plugins/callUIEvent?deviceID=" .. self.id .. "&elementName=s1&eventType=onChanged&value=30")
  api.get("/plugins/callUIEvent?deviceID=" .. self.id .. "&elementName=b2&eventType=onReleased")
  api.get("/plugins/callUIEvent?deviceID=" .. self.id .. "&elementName=zz&eventType=onReleased")
  for _, bad in ipairs({
    function() self:updateProperty(1, 2) end,
    function() self:setVariable(nil, 1) end,
    function() self:internalStorageSet(5, 1) end,
    function() self:addInterfaces("power") end,
    function() self:registerUICallback("x", "y", 3) end,
  }) do
    print(pcall(bad))
  end
  print("end of onInit")
end
function QuickApp:double(n) return n * 2 end
function QuickApp:pressed(ev) self:debug("pressed", ev.elementName, ev.eventType, json.encode(ev.values)) end
function QuickApp:slid(ev) self:debug("slid", ev.values[1], quickApp == self) end
