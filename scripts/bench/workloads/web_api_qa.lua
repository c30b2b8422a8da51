--%%name:Bench Lamp
--%%type:com.fibaro.binarySwitch
-- The device the web_api benchmark reads and acts on: turnOn/turnOff
-- update its value, as a real QuickApp does.
function QuickApp:turnOn() self:updateProperty("value", true) end
function QuickApp:turnOff() self:updateProperty("value", false) end
function QuickApp:onInit() end
