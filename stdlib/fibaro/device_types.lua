-- require("plua.fibaro.device_types"): the one list of HC3 device types the
-- emulation knows. The `type` header, createChildDevice and the model all
-- read it: a type is known exactly when it has an entry here.
--
-- Each entry: base = the HC3 baseType, value = the initial `value` property
-- (nil: the device has none), actions = action name -> argument count.

local switch = { turnOn = 0, turnOff = 0, toggle = 0 }
local none = {}

local M = {
  ["com.fibaro.binarySwitch"] = { base = "com.fibaro.actor", value = false, actions = switch },
  ["com.fibaro.multilevelSwitch"] = { base = "com.fibaro.binarySwitch", value = 0,
    actions = { turnOn = 0, turnOff = 0, setValue = 1 } },
  ["com.fibaro.rollerShutter"] = { base = "com.fibaro.multilevelSwitch", value = 0,
    actions = { open = 0, close = 0, stop = 0, setValue = 1 } },
  ["com.fibaro.colorController"] = { base = "com.fibaro.multilevelSwitch", value = 0,
    actions = { turnOn = 0, turnOff = 0, setColor = 4 } },
  ["com.fibaro.binarySensor"] = { base = "com.fibaro.sensor", value = false, actions = none },
  ["com.fibaro.securitySensor"] = { base = "com.fibaro.sensor", value = false, actions = none },
  ["com.fibaro.motionSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none },
  ["com.fibaro.doorSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none },
  ["com.fibaro.windowSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none },
  ["com.fibaro.floodSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none },
  ["com.fibaro.smokeSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none },
  ["com.fibaro.multilevelSensor"] = { base = "com.fibaro.sensor", value = 0, actions = none },
  ["com.fibaro.temperatureSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none },
  ["com.fibaro.humiditySensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none },
  ["com.fibaro.lightSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none },
  ["com.fibaro.genericSensor"] = { base = "com.fibaro.sensor", value = 0, actions = none },
  ["com.fibaro.energyMeter"] = { base = "com.fibaro.meter", value = 0, actions = none },
  ["com.fibaro.powerMeter"] = { base = "com.fibaro.meter", value = 0, actions = none },
  ["com.fibaro.doorLock"] = { base = "com.fibaro.actor", value = false, actions = { secure = 0, unsecure = 0 } },
  ["com.fibaro.thermostat"] = { base = "com.fibaro.hvac", value = 0,
    actions = { setThermostatMode = 1, setHeatingThermostatSetpoint = 1 } },
  ["com.fibaro.player"] = { base = "com.fibaro.device", value = 0,
    actions = { play = 0, pause = 0, stop = 0, next = 0, prev = 0, setVolume = 1 } },
  ["com.fibaro.genericDevice"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.deviceController"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.hvacSystem"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.remoteController"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.alarm"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.weather"] = { base = "com.fibaro.device", actions = none },
  ["com.fibaro.deviceStatus"] = { base = "com.fibaro.device", actions = none },
}

return M
