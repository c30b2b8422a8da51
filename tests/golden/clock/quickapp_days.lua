--%%name:Daylight
--%%type:com.fibaro.binarySwitch
--%%time:2026-03-18 00:00:00
--%%speed:72
--%%latitude:59.33
--%%longitude:18.07
-- Three virtual days of a QuickApp: a minute interval, an hourly check
-- that reads the controller's sunrise and sunset (they move day by day)
-- and switches at them, log lines stamped with the virtual time.
function QuickApp:onInit()
  self.minutes = 0
  setInterval(function() self.minutes = self.minutes + 1 end, 60 * 1000)
  local function hourly()
    local now = os.date("%H:%M")
    local sunrise, sunset = fibaro.getValue(1, "sunriseHour"), fibaro.getValue(1, "sunsetHour")
    if now == "00:00" then self:debug(os.date("%Y-%m-%d"), "sunrise", sunrise, "sunset", sunset, "minutes", self.minutes) end
    local light = now >= sunrise and now < sunset
    if light ~= self.properties.value then
      self:updateProperty("value", light)
      self:trace(light and "day" or "night", "at", now)
    end
    fibaro.setTimeout(3600 * 1000, hourly)
  end
  hourly()
end
