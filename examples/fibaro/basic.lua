--%%name:Basic
--%%type:com.fibaro.binarySwitch
-- The smallest QuickApp: run with `plua examples/fibaro/basic.lua`.
function QuickApp:onInit()
  self:debug("onInit", self.name, self.id)
  self:turnOn()
end

function QuickApp:turnOn()
  self:updateProperty("value", true)
  self:debug("value is now", fibaro.getValue(self.id, "value"))
end

function QuickApp:turnOff()
  self:updateProperty("value", false)
end
