--%%name:Files
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
--%%file:lib/greeting.lua,greeting
-- A breakpoint in a --%%file file, named as the editor names it; EXEC
-- assigns a local of the paused frame.
function QuickApp:onInit()
  local who = "world"
  self:debug(greeting(who))
end
