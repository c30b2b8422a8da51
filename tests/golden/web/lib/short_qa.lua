--%%name:ShortQA
--%%type:com.fibaro.binarySwitch
function QuickApp:onInit()
  self:debug("onInit")
  fibaro.setTimeout(0, function() self:debug("still running") end)
end
