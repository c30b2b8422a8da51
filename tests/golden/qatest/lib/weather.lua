--%%name:Weather
--%%type:com.fibaro.temperatureSensor
--%%var:city="Stockholm"
--%%u:{label="status",text="..."}
--%%u:{button="refresh",text="Refresh",onReleased="refresh"}
--%%u:{slider="period",text="Minutes",min="5",max="120",onChanged="setPeriod"}
-- A small weather QuickApp in the style of published ones: it fetches the
-- temperature when it starts and then every `period` minutes, shows it on
-- a label and as its value; a button fetches at once, a slider sets the period.
local URL = "https://api.weather.example/v1/now?city="

function QuickApp:onInit()
  self.minutes = 60
  self:fetch()
  self:schedule()
end

function QuickApp:schedule()
  if self.timer then clearTimeout(self.timer) end
  self.timer = setTimeout(function()
    self.timer = nil
    self:fetch()
    self:schedule()
  end, self.minutes * 60 * 1000)
end

function QuickApp:fetch()
  local city = self:getVariable("city")
  net.HTTPClient():request(URL .. city, {
    options = { method = "GET", headers = { Accept = "application/json" } },
    success = function(response)
      if response.status ~= 200 then
        self:warning("HTTP", response.status)
        self:updateView("status", "text", "error " .. response.status)
        return
      end
      local data = json.decode(response.data)
      self:updateProperty("value", data.temp)
      self:updateView("status", "text", ("%s: %.1f C at %s"):format(city, data.temp, os.date("%H:%M")))
      self:debug("temperature", data.temp)
    end,
    error = function(message) self:error("fetch failed:", message) end,
  })
end

function QuickApp:refresh() self:fetch() end

function QuickApp:setPeriod(event)
  self.minutes = event.values[1]
  self:debug("every", self.minutes, "minutes")
  self:schedule()
end

function QuickApp:setCity(city) self:setVariable("city", city) end
