--%%name:WebQA
--%%type:com.fibaro.binarySwitch
--%%file:until_stopped.lua,stop
function QuickApp:turnOn() self:updateProperty("value", true) end
-- Runs until the global variable "stop" is set (through the API).
function QuickApp:onInit()
  self:debug("ready")
  self:runUntilStopped()
end
