--%%name:WebQA
--%%type:com.fibaro.binarySwitch
function QuickApp:turnOn() self:updateProperty("value", true) end
-- Runs until the global variable "stop" is set (through the API).
function QuickApp:onInit()
  self:debug("ready")
  local interval
  interval = setInterval(function()
    local ok, value = pcall(fibaro.getGlobalVariable, "stop")
    if ok and value == "yes" then
      clearInterval(interval)
      self:debug("stopped by the API")
    end
  end, 20)
end
