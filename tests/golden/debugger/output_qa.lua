--%%name:Output
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- OUTPUT stdout c: a QuickApp's log lines and print go to the IDE and to
-- stdout; OUTPUT stdout d puts them back on stdout alone.
function QuickApp:onInit()
  self:debug("log line")
  self:warning("a", 42)
  local marker = "switched"
  print(marker)
end
