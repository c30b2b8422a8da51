--%%name:Thermostat
--%%type:com.fibaro.hvacSystemAuto
--%%time:2026-11-23 12:00:00
-- A thermostat QuickApp for a heat pump: declares its supported modes,
-- handles mode and setpoint actions sent with fibaro.call and through
-- /devices/{id}/action, and follows a room temperature sensor.
function QuickApp:onInit()
  self:updateProperty("supportedThermostatModes", { "Off", "Heat", "Cool", "Auto" })
  self:updateProperty("thermostatMode", "Off")
  self:updateProperty("heatingThermostatSetpoint", 20)
  self:updateProperty("coolingThermostatSetpoint", 25)
  self.sensor = api.post("/devices", { name = "Room temp", type = "com.fibaro.temperatureSensor" })
  self:debug("type", api.get("/devices/" .. self.id).type, "modes",
    table.concat(fibaro.getValue(self.id, "supportedThermostatModes"), ","))
  fibaro.call(self.id, "setThermostatMode", "Heat")
  fibaro.call(self.id, "setHeatingThermostatSetpoint", 21.5)
  api.post("/devices/" .. self.id .. "/action/setCoolingThermostatSetpoint", { args = { 24 } })
  fibaro.call(self.id, "setThermostatMode", "Turbo")
  setTimeout(function() self:control() end, 10)
end

function QuickApp:setThermostatMode(mode)
  for _, m in ipairs(fibaro.getValue(self.id, "supportedThermostatModes")) do
    if m == mode then
      self:updateProperty("thermostatMode", mode)
      self:debug("mode ->", mode)
      return
    end
  end
  self:warning("unsupported mode", mode)
end

function QuickApp:setHeatingThermostatSetpoint(value)
  self:updateProperty("heatingThermostatSetpoint", value)
  self:debug("heat setpoint ->", value)
end

function QuickApp:setCoolingThermostatSetpoint(value)
  self:updateProperty("coolingThermostatSetpoint", value)
  self:debug("cool setpoint ->", value)
end

function QuickApp:control()
  for _, t in ipairs({ 19.0, 21.5, 23.0 }) do
    api.put("/devices/" .. self.sensor.id, { properties = { value = t } })
    local room = fibaro.getValue(self.sensor.id, "value")
    local heat = fibaro.getValue(self.id, "heatingThermostatSetpoint")
    local demand = room < heat - 0.3 and "heating" or "idle"
    self:debug(string.format("room %.1f setpoint %.1f mode %s -> %s", room, heat,
      fibaro.getValue(self.id, "thermostatMode"), demand))
  end
  self:debug("cooling setpoint", fibaro.getValue(self.id, "coolingThermostatSetpoint"))
end
