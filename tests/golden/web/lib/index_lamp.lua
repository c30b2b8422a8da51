--%%name:Lamp
--%%type:com.fibaro.binarySwitch
function QuickApp:onInit() self:updateProperty("value", false) end
