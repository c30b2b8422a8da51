--%%name:UIQA
--%%type:com.fibaro.binarySwitch
--%%file:until_stopped.lua,stop
--%%u:{label="lbl",text="Idle"}
--%%u:{button="b1",text="Press",onReleased="press"}
--%%u:{{button="left",text="Left",onReleased="side"},{button="right",text="Right",onReleased="side"}}
--%%u:{slider="s1",text="Level",min="0",max="200",onChanged="level"}
--%%u:{switch="sw",text="Power",onToggled="power"}
--%%u:{select="mode",text="Mode",onToggled="mode",value="eco",options={{type="option",text="Comfort",value="comfort"},{type="option",text="Eco",value="eco"}}}
--%%u:{multi="days",text="Days",onToggled="days",values={"mon"},options={{type="option",text="Monday",value="mon"},{type="option",text="Tuesday",value="tue"},{type="option",text="Wednesday",value="wed"}}}
-- A UI for the browser page; runs until the global variable "stop" is set.
function QuickApp:press()
  self.presses = (self.presses or 0) + 1
  self:updateView("lbl", "text", "Pressed")
  self:debug("pressed", self.presses, "time")
  self:updateProperty("value", true)
end
function QuickApp:side(event) self:updateView("lbl", "text", "Side " .. event.elementName) end
function QuickApp:level(event) self:updateView("lbl", "text", "Level " .. tostring(event.values[1])) end
function QuickApp:power(event) self:updateView("lbl", "text", "Power " .. tostring(event.values[1])) end
-- The HC3's shapes: a select's value, a multi-select's list of values.
function QuickApp:mode(event)
  self:updateView("lbl", "text", "Mode " .. tostring(event.values[1]))
  -- a new option list, and the choice moved to it
  if event.values[1] == "comfort" then
    self:updateView("mode", "options", { { type = "option", text = "Comfort", value = "comfort" },
      { type = "option", text = "Eco", value = "eco" }, { type = "option", text = "Away", value = "away" } })
    self:updateView("mode", "selectedItem", "away")
  end
end
function QuickApp:days(event)
  self:updateView("lbl", "text", "Days " .. table.concat(event.values[1], ","))
  self:updateView("days", "selectedItems", { "wed" })
end
function QuickApp:onInit()
  self:debug("ready")
  self:runUntilStopped()
end
