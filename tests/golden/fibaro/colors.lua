--%%name:Colors
-- Levels are coloured only on a terminal, and never with NO_COLOR set
-- (colors.cmd runs this under script(1) to get a terminal).
function QuickApp:onInit()
  self:debug("d")
  self:trace("t")
  self:warning("w")
  self:error("e")
end
