--%%name:UIQA
--%%type:com.fibaro.binarySwitch
--%%file:until_stopped.lua,stop
--%%u:{label="lbl",text="Idle"}
--%%u:{button="b1",text="Press",onReleased="press"}
--%%u:{slider="s1",text="Level",onChanged="level"}
--%%u:{switch="sw",text="Power",onToggled="power"}
-- A UI for the browser page; runs until the global variable "stop" is set.
function QuickApp:press() self:updateView("lbl", "text", "Pressed") end
function QuickApp:level(event) self:updateView("lbl", "text", "Level " .. tostring(event.values[1])) end
function QuickApp:power(event) self:updateView("lbl", "text", "Power " .. tostring(event.values[1])) end
function QuickApp:onInit()
  self:debug("ready")
  self:runUntilStopped()
end
