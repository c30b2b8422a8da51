--%%name:Tool QA
--%%type:com.fibaro.multilevelSwitch
--%%var:greeting="hello -\045 world"
--%%var:count=42
--%%var:ratio=0.5
--%%var:config={mode="eco",levels={1,2,3}}
--%%interfaces:{"energy","power"}
--%%file:tool_lib.lua,lib
--%%u:{label="status",text="Idle"}
--%%u:{{button="on",text="On",onReleased="turnOn"},{button="off",text="Off",onReleased="turnOff",onLongPressDown="allOff"}}
--%%u:{slider="level",text="Level",min=0,max=99,onChanged="setLevel"}
--%%u:{switch="auto",text="Auto",value=true,onReleased="toggleAuto"}
--%%u:{select="mode",text="Mode",options={{text="Eco",value="eco"},{text="Comfort",value="comfort"}},onToggled="setMode"}
--%%debug:false
function QuickApp:onInit()
  self:debug(self.name, greet(self:getVariable("greeting")), self:getVariable("count"), self:getVariable("config").mode)
end
function QuickApp:turnOn() self:updateProperty("value", 99) end
function QuickApp:turnOff() self:updateProperty("value", 0) end
