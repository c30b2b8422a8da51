-- Included with --%%file by the web goldens' QuickApps: keeps the QuickApp
-- running until the global variable "stop" is "yes" (stop_qa in
-- tests/tools/web_api.sh sets it through the API), then logs it.
function QuickApp:runUntilStopped()
  local interval
  interval = setInterval(function()
    local ok, value = pcall(fibaro.getGlobalVariable, "stop")
    if ok and value == "yes" then
      clearInterval(interval)
      self:debug("stopped by the API")
    end
  end, 20)
end
