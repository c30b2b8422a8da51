--%%name:FailingQA
--%%type:com.fibaro.binarySwitch
-- An HC3 that fails: one error line naming the URL, and the QuickApp goes on.
function QuickApp:onInit()
  self:debug("lamp", fibaro.getValue(46, "value"))
  self:debug("again", fibaro.getValue(46, "value"), fibaro.getGlobalVariable("HouseMode"), api.get("/rooms"))
  self:updateProperty("value", true)
  self:debug("own", fibaro.getValue(self.id, "value"))
  fibaro.setTimeout(10, function() self:debug("still running") end)
end
