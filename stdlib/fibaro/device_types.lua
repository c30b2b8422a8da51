-- require("plua.fibaro.device_types"): the one list of HC3 device types the
-- emulation knows. The `type` header, createChildDevice, api.post("/devices")
-- and the model all read it: a type is known exactly when it has an entry here.
--
-- Each entry:
--   base       the HC3 baseType ("" for com.fibaro.device, the root);
--   value      the initial `value` property, with the HC3's Lua type (nil:
--              the HC3 gives the type no `value`);
--   actions    action name -> number of arguments, as the HC3 lists them in
--              the device's `actions`;
--   properties the type's own default properties (unit, rateType, state,
--              thermostat setpoints, categories, ...). model.create_device
--              deep-copies them over the properties every device has; what a
--              QuickApp passes (initialProperties, a POST body) wins.
--
-- Where the facts come from: the HC3's published device model, as read from
-- its REST answers (GET /api/devices/{id} of a QuickApp of each type created
-- on an HC3 5.x, March 2025, and GET /api/devices/hierarchy of HC3 5.0x,
-- 2020) and from the QuickApp templates the HC3 offers (with their comments
-- on the actions and properties each type must handle). The table is
-- written here by hand from those facts; no file is copied. Properties that
-- every HC3 device has (icon, viewLayout, deviceRole, supportedDeviceRoles,
-- ui.config.*, ...) are left out; so are a plugin's configuration fields.
-- Entries marked "(template)" come only from the HC3's QuickApp templates:
-- the HC3 accepts them as QuickApp types but no REST answer gave their
-- baseType, so the base is the one of their nearest relatives and says so.
-- Entries marked "(2020)" come from the 2020 hierarchy only: their base is
-- the hierarchy's parent, and no answer listed their actions.
--
-- To add a type: find the HC3's answer for a device of that type (GET
-- /api/devices/{id} on a QuickApp created with it), add an entry to the
-- family it belongs to with its baseType, the `value` it starts with, its
-- `actions` and the properties it has beyond the common ones, then run the
-- golden tests tests/golden/fibaro/device_types*.lua (the second checks
-- that every entry is well formed and creatable).

local none = {}

-- A new table with the fields of each argument, later ones winning.
local function with(...)
  local out = {}
  for i = 1, select("#", ...) do
    for k, v in pairs((select(i, ...))) do out[k] = v end
  end
  return out
end

-- ---- shared action sets (as the HC3 lists them) ------------------------------

local switch = { turnOn = 0, turnOff = 0, toggle = 0, setAutoOff = 0 }
local metered = with(switch, { reset = 0 })
local ringed = with(metered, { setRingOnColor = 1, setRingOffColor = 1, setRingBrightness = 1 })
local dimmer = with(switch, { setValue = 1 })
local color = with(dimmer, { setColor = 1, setColorComponents = 1, startColorFade = 1, stopColorChange = 1,
  startColorEnhancement = 1 })
local remote_switch = { turnOn = 0, turnOff = 0, toggle = 0 }
local remote_color = with(remote_switch, { setValue = 1, setColor = 1, setColorComponents = 1, startColorFade = 1,
  stopColorChange = 1, startColorEnhancement = 1 })
local shutter = { open = 0, close = 0, stop = 0 }
local positioned = with(shutter, { setValue = 1, configureFavoritePositions = 1, setFavoritePosition = 1 })
local fgr = with(positioned, { setValue2 = 1, reset = 0 })
local media = { turnOn = 0, turnOff = 0, setVolume = 1, setMute = 1 }
local player = with(media, { play = 0, pause = 0, stop = 0, next = 0, prev = 0 })
local heos = with(player, { setNoMedia = 0, mute = 0, unmute = 0, previous = 0 })
local russound_zone = with(media, { setPower = 0, play = 0, pause = 0, next = 0, previous = 0, setNoMedia = 0,
  mute = 0, unmute = 0 })
local camera = { sendPhotoToUser = 1 }
local ptz = with(camera, { moveUp = 0, moveDown = 0, moveLeft = 0, moveRight = 0, moveStop = 0 })
local lock = { secure = 0, unsecure = 0, setDoorLockMode = 0 }
local partition = { arm = 0, disarm = 0 }
local heat = { setThermostatMode = 1, setHeatingThermostatSetpoint = 1, setHeatingThermostatModeAndSetpoint = 1 }
local cool = { setThermostatMode = 1, setCoolingThermostatSetpoint = 1, setCoolingThermostatModeAndSetpoint = 1 }
local auto = with(heat, cool)
-- what the HC3's thermostat templates say their QuickApps must handle
local thermo_heat = { setThermostatMode = 1, setHeatingThermostatSetpoint = 1 }
local thermo_cool = { setThermostatMode = 1, setCoolingThermostatSetpoint = 1 }
local thermo_auto = with(thermo_heat, thermo_cool)
local danfoss = { setThermostatMode = 1, setClimatePanelOverrideSchedule = 1, removeClimatePanelOverrideSchedule = 0 }
local meter = { reset = 0 }

-- ---- shared default properties -----------------------------------------------

local other = { categories = { "other" } }
local lights = { categories = { "lights" }, state = false }
local energy = { power = 0, energy = 0 }
local blinds = { categories = { "blinds" }, state = "Unknown" }
local remotes = { categories = { "remotes" }, centralSceneSupport = {} }
local security = { categories = { "security" }, lastBreached = 0 }
local safety = { categories = { "safety" }, lastBreached = 0 }
local secure = { categories = { "security" } }
local multimedia = { categories = { "multimedia" }, volume = 0, mute = false, power = false, state = "" }
local consumption = { categories = { "other" }, rateType = "consumption", unit = "" }
local climate = { categories = { "climate" }, unit = "C" }
local step = { C = 0.5, F = 1 }
local heating = { heatingThermostatSetpoint = 0, heatingThermostatSetpointCapabilitiesMin = 4,
  heatingThermostatSetpointCapabilitiesMax = 30, heatingThermostatSetpointStep = step }
local cooling = { coolingThermostatSetpoint = 0, coolingThermostatSetpointCapabilitiesMin = 4,
  coolingThermostatSetpointCapabilitiesMax = 30, coolingThermostatSetpointStep = step }
local modes = { thermostatMode = "", supportedThermostatModes = {} }
local weather = { categories = { "other" }, Temperature = 0, Humidity = 0, Wind = 0,
  WeatherCondition = "unavailable", ConditionCode = 3200 }

local M = {
  -- ---- roots and generic devices ---------------------------------------------
  ["com.fibaro.device"] = { base = "", actions = none, properties = other },
  ["com.fibaro.actor"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.sensor"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.genericDevice"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.deviceController"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.remoteActor"] = { base = "com.fibaro.actor", actions = none, properties = other },
  ["com.fibaro.genericZwaveDevice"] = { base = "com.fibaro.device", value = false,
    actions = { turnOn = 0, turnOff = 0 }, properties = other },
  ["com.fibaro.zwaveDevice"] = { base = "com.fibaro.device",
    actions = { reconfigure = 0, getLastWorkingRoute = 0, requestNodeNeighborUpdate = 0, getNeighborList = 0 },
    properties = with(other, { nodeId = 0, endPointId = 0, configured = false }) },
  ["com.fibaro.zwaveController"] = { base = "com.fibaro.device", value = false,
    actions = { turnOn = 0, turnOff = 0, reconfigure = 0 },
    properties = with(other, { nodeId = 0, endPointId = 0, configured = true }) },
  ["com.fibaro.zigbeeDevice"] = { base = "com.fibaro.device", actions = none,
    properties = with(other, { configured = false, networkAddress = 0, ieeeAddress = "" }) },
  ["com.fibaro.usbPort"] = { base = "com.fibaro.device", actions = none,
    properties = with(other, { usbInUse = false }) },

  -- ---- switches and lights -----------------------------------------------------
  ["com.fibaro.binarySwitch"] = { base = "com.fibaro.actor", value = false, actions = switch, properties = lights },
  ["com.fibaro.multilevelSwitch"] = { base = "com.fibaro.binarySwitch", value = 0, actions = dimmer,
    properties = lights },
  ["com.fibaro.colorController"] = { base = "com.fibaro.multilevelSwitch", value = 0, actions = color,
    properties = with(lights, { color = "", colorComponents = {} }) },
  ["com.fibaro.multiPositionSwitch"] = { base = "com.fibaro.binarySwitch", value = false,
    actions = with(switch, { setPosition = 1 }),
    properties = with(lights, { position = "", availablePositions = {} }) },
  ["com.fibaro.sprinkler"] = { base = "com.fibaro.binarySwitch", value = false,
    actions = with(switch, { startWatering = 0, forceWatering = 0, setDefaultWateringTime = 1,
      setHumidityThreshold = 1 }),
    properties = { categories = { "climate" }, state = false, defaultWateringTime = 1800, humidity = 0,
      humidityThreshold = 0, wateringEndTimestamp = 0 } },
  ["com.fibaro.satelOutput"] = { base = "com.fibaro.binarySwitch", value = false,
    actions = with(switch, { setDisabled = 1 }), properties = with(lights, { disabled = false }) },
  ["com.fibaro.soundSwitch"] = { base = "com.fibaro.actor", value = false,
    actions = { turnOn = 0, turnOff = 0, setVolume = 1, setTone = 1, setDefaultTone = 1 },
    properties = with(other, { volume = 0, tone = 0, defaultTone = 0, supportedTones = {} }) },
  ["com.fibaro.remoteSwitch"] = { base = "com.fibaro.actor", value = false, actions = none, properties = other },
  -- FIBARO's own switches, dimmers, plugs and RGBW controllers
  ["com.fibaro.FGWP"] = { base = "com.fibaro.binarySwitch", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWP101"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWP102"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWPB111"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWPB121"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWPG111"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWPG121"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWPI121"] = { base = "com.fibaro.FGWP", value = false, actions = metered,
    properties = with(lights, energy) },
  ["com.fibaro.FGWOEF011"] = { base = "com.fibaro.binarySwitch", value = false, actions = ringed,
    properties = with(lights, energy) },
  ["com.fibaro.FGWDS221"] = { base = "com.fibaro.binarySwitch", value = false, actions = ringed,
    properties = with(lights, energy) },
  ["com.fibaro.FGS225"] = { base = "com.fibaro.binarySwitch", value = false, actions = switch, properties = lights },
  ["com.fibaro.FGD212"] = { base = "com.fibaro.multilevelSwitch", value = 0, actions = dimmer, properties = lights },
  ["com.fibaro.FGWD111"] = { base = "com.fibaro.multilevelSwitch", value = 0,
    actions = with(dimmer, { reset = 0, setRingOnColor = 1, setRingOffColor = 1, setRingBrightness = 1 }),
    properties = with(lights, energy) },
  ["com.fibaro.WISE_EC_01"] = { base = "com.fibaro.multilevelSwitch", value = 0,
    actions = { turnOn = 0, turnOff = 0, toggle = 0, setValue = 1, setAutoFanMode = 1 },
    properties = { categories = { "climate" }, state = false, isAutoFanMode = false } },
  ["com.fibaro.philipsHueLight"] = { base = "com.fibaro.colorController", value = 0, actions = color,
    properties = with(lights, { color = "0,0,0,0", colorComponents = {}, on = false, brightness = 0, hue = 0,
      saturation = 0, reachable = false }) },
  ["com.fibaro.FGRGBW441M"] = { base = "com.fibaro.colorController", value = 0,
    actions = with(color, { setR = 1, setG = 1, setB = 1, setW = 1, setBrightness = 1, startProgram = 1,
      setFavoriteProgram = 2 }),
    properties = with(lights, { color = "0,0,0,0", colorComponents = {}, brightness = 0, currentProgram = 0 }) },
  ["com.fibaro.FGRGBW442CC"] = { base = "com.fibaro.colorController", value = 0,
    actions = with(color, { startProgram = 1 }),
    properties = with(lights, { color = "", colorComponents = {}, currentProgram = 0 }) },
  ["com.fibaro.FGRGBW442"] = { base = "com.fibaro.device", actions = none, properties = { categories = { "lights" } } },
  ["com.fibaro.FGBS222"] = { base = "com.fibaro.device", actions = none, properties = other },

  -- ---- shutters, blinds, gates and window coverings -----------------------------
  ["com.fibaro.baseShutter"] = { base = "com.fibaro.actor", actions = shutter,
    properties = { categories = { "gates" }, state = "Unknown" } },
  ["com.fibaro.rollerShutter"] = { base = "com.fibaro.baseShutter", value = 0, actions = positioned,
    properties = blinds },
  ["com.fibaro.tubularMotor"] = { base = "com.fibaro.rollerShutter", value = 0, actions = positioned,
    properties = blinds },
  ["com.fibaro.FGR221"] = { base = "com.fibaro.rollerShutter", value = 0, actions = positioned, properties = blinds },
  ["com.fibaro.FGR"] = { base = "com.fibaro.rollerShutter", value = 0, actions = fgr,
    properties = with(blinds, energy, { value2 = 0 }) },
  ["com.fibaro.FGR223"] = { base = "com.fibaro.FGR", value = 0, actions = fgr,
    properties = with(blinds, energy, { value2 = 0 }) },
  ["com.fibaro.FGRM222"] = { base = "com.fibaro.FGR", value = 0, actions = fgr,
    properties = with(blinds, energy, { value2 = 0 }) },
  ["com.fibaro.FGWR111"] = { base = "com.fibaro.FGR", value = 0,
    actions = with(fgr, { setRingOnColor = 1, setRingOffColor = 1, setRingBrightness = 1 }),
    properties = with(blinds, energy, { value2 = 0 }) },
  ["com.fibaro.FGR224"] = { base = "com.fibaro.FGR", value = 0,
    actions = with(shutter, { setValue = 1, setValue2 = 1, startCalibration = 1 }),
    properties = with(blinds, { value2 = 0, calibrated = false }) },
  -- (template) open/close/stop/setValue, value 0-99; base as com.fibaro.rollerShutter's
  ["com.fibaro.windowCovering"] = { base = "com.fibaro.baseShutter", value = 0,
    actions = with(shutter, { setValue = 1 }), properties = blinds },
  -- (2020)
  ["com.fibaro.barrier"] = { base = "com.fibaro.actor", actions = none, properties = { categories = { "gates" } } },

  -- ---- remote controllers --------------------------------------------------------
  ["com.fibaro.remoteController"] = { base = "com.fibaro.actor", actions = none, properties = remotes },
  ["com.fibaro.remoteSceneController"] = { base = "com.fibaro.remoteController", actions = none,
    properties = remotes },
  ["com.fibaro.FGPB101"] = { base = "com.fibaro.remoteSceneController", actions = { setInterval = 1 },
    properties = with(remotes, { batteryLevel = 0 }) },
  ["com.fibaro.FGKF601"] = { base = "com.fibaro.remoteSceneController",
    actions = { setInterval = 1, setLockKey = 1, setSequence = 2, removeSequence = 1, setIdleTimeout = 1,
      setUnlockSequence = 1 },
    properties = with(remotes, { batteryLevel = 0 }) },
  ["com.fibaro.FGGC001"] = { base = "com.fibaro.remoteSceneController", actions = none, properties = remotes },
  ["com.fibaro.FGWC201"] = { base = "com.fibaro.remoteController", actions = { setRingsLightMode = 0 },
    properties = remotes },
  ["com.fibaro.remoteBinarySwitch"] = { base = "com.fibaro.remoteController", actions = remote_switch,
    properties = { categories = { "lights" } } },
  ["com.fibaro.remoteMultilevelSwitch"] = { base = "com.fibaro.remoteBinarySwitch",
    actions = with(remote_switch, { setValue = 1 }), properties = { categories = { "lights" } } },
  ["com.fibaro.remoteColorController"] = { base = "com.fibaro.remoteMultilevelSwitch", actions = remote_color,
    properties = { categories = { "lights" } } },
  ["com.fibaro.remoteBaseShutter"] = { base = "com.fibaro.remoteController", actions = shutter,
    properties = { categories = { "gates" } } },
  ["com.fibaro.remoteRollerShutter"] = { base = "com.fibaro.remoteBaseShutter", actions = positioned,
    properties = { categories = { "blinds" } } },

  -- ---- binary sensors: security (motion, door, window, ...) ---------------------
  ["com.fibaro.binarySensor"] = { base = "com.fibaro.sensor", value = false, actions = none,
    properties = { categories = { "other" }, lastBreached = 0 } },
  ["com.fibaro.securitySensor"] = { base = "com.fibaro.binarySensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.motionSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.presenceSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.FGMS001"] = { base = "com.fibaro.motionSensor", value = false, actions = none, properties = security },
  ["com.fibaro.FGMS001v2"] = { base = "com.fibaro.FGMS001", value = false, actions = { setTamperMode = 0 },
    properties = security },
  ["com.fibaro.doorWindowSensor"] = { base = "com.fibaro.securitySensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.doorSensor"] = { base = "com.fibaro.doorWindowSensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.windowSensor"] = { base = "com.fibaro.doorWindowSensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.FGDW002"] = { base = "com.fibaro.doorWindowSensor", value = false, actions = none,
    properties = security },
  ["com.fibaro.gateSensor"] = { base = "com.fibaro.doorWindowSensor", value = false, actions = none,
    properties = { categories = { "gates" }, lastBreached = 0 } },
  ["com.fibaro.rollerShutterSensor"] = { base = "com.fibaro.doorWindowSensor", value = false, actions = none,
    properties = { categories = { "blinds" }, lastBreached = 0 } },
  ["com.fibaro.satelZone"] = { base = "com.fibaro.securitySensor", value = false, actions = { setDisabled = 1 },
    properties = with(security, { disabled = false, alarm = false, tamper = false }) },
  ["com.fibaro.envisaLinkZone"] = { base = "com.fibaro.securitySensor", value = false, actions = { setArmed = 1 },
    properties = with(security, { alarm = false, tamper = false }) },
  -- (2020)
  ["com.fibaro.dscZone"] = { base = "com.fibaro.securitySensor", value = false, actions = none,
    properties = security },

  -- ---- binary sensors: safety (flood, smoke, CO, gas, fire, heat, rain) ---------
  ["com.fibaro.safetySensor"] = { base = "com.fibaro.binarySensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.rainDetector"] = { base = "com.fibaro.binarySensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.lifeDangerSensor"] = { base = "com.fibaro.binarySensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.floodSensor"] = { base = "com.fibaro.lifeDangerSensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.FGFS101"] = { base = "com.fibaro.floodSensor", value = false, actions = none, properties = safety },
  -- (template) a leak detector; base as com.fibaro.floodSensor's
  ["com.fibaro.waterLeakSensor"] = { base = "com.fibaro.lifeDangerSensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.fireDetector"] = { base = "com.fibaro.lifeDangerSensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.heatDetector"] = { base = "com.fibaro.lifeDangerSensor", value = false, actions = none,
    properties = with(safety, { state = "Normal" }) },
  ["com.fibaro.gasDetector"] = { base = "com.fibaro.lifeDangerSensor", value = false, actions = none,
    properties = safety },
  ["com.fibaro.smokeSensor"] = { base = "com.fibaro.gasDetector", value = false, actions = none,
    properties = safety },
  ["com.fibaro.FGSS001"] = { base = "com.fibaro.smokeSensor", value = false, actions = none, properties = safety },
  ["com.fibaro.coDetector"] = { base = "com.fibaro.gasDetector", value = false, actions = none,
    properties = safety },
  ["com.fibaro.FGCD001"] = { base = "com.fibaro.coDetector", value = false, actions = { reset = 0 },
    properties = with(safety, { concentration = 0, maxConcentration = 0, unit = "" }) },

  -- ---- multilevel sensors ---------------------------------------------------------
  ["com.fibaro.multilevelSensor"] = { base = "com.fibaro.sensor", value = 0, actions = none,
    properties = { categories = { "other" }, unit = "" } },
  ["com.fibaro.temperatureSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "climate" }, unit = "C" } },
  ["com.fibaro.humiditySensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "climate" }, unit = "%" } },
  ["com.fibaro.lightSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "other" }, unit = "lux" } },
  ["com.fibaro.windSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "safety" }, unit = "m/s" } },
  ["com.fibaro.rainSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "safety" }, unit = "mm/h" } },
  ["com.fibaro.seismometer"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "safety" }, unit = "" } },
  ["com.fibaro.powerSensor"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = none,
    properties = { categories = { "other" }, unit = "", power = 0 } },
  ["com.fibaro.accelerometer"] = { base = "com.fibaro.sensor", value = { x = 0, y = 0, z = 0 }, actions = none,
    properties = other },

  -- ---- meters -------------------------------------------------------------------
  ["com.fibaro.meter"] = { base = "com.fibaro.multilevelSensor", value = 0, actions = meter,
    properties = consumption },
  ["com.fibaro.electricMeter"] = { base = "com.fibaro.meter", value = 0, actions = meter, properties = consumption },
  ["com.fibaro.energyMeter"] = { base = "com.fibaro.electricMeter", value = 0, actions = meter,
    properties = with(consumption, { unit = "kWh", storeEnergyData = true, saveToEnergyPanel = true }) },
  ["com.fibaro.powerMeter"] = { base = "com.fibaro.electricMeter", value = 0, actions = meter,
    properties = with(consumption, { includeInEnergyPanel = true }) },
  ["com.fibaro.gasMeter"] = { base = "com.fibaro.meter", value = 0, actions = meter, properties = consumption },
  ["com.fibaro.waterMeter"] = { base = "com.fibaro.meter", value = 0, actions = meter, properties = consumption },
  ["com.fibaro.heatingMeter"] = { base = "com.fibaro.meter", value = 0, actions = meter, properties = consumption },
  ["com.fibaro.coolingMeter"] = { base = "com.fibaro.meter", value = 0, actions = meter, properties = consumption },

  -- ---- climate: HVAC systems and thermostats ---------------------------------------
  ["com.fibaro.hvacSystem"] = { base = "com.fibaro.device", actions = none, properties = climate },
  ["com.fibaro.hvacSystemHeat"] = { base = "com.fibaro.hvacSystem", actions = heat,
    properties = with(climate, modes, heating) },
  ["com.fibaro.hvacSystemCool"] = { base = "com.fibaro.hvacSystem", actions = cool,
    properties = with(climate, modes, cooling) },
  ["com.fibaro.hvacSystemAuto"] = { base = "com.fibaro.hvacSystem", actions = auto,
    properties = with(climate, modes, heating, cooling) },
  -- (template) its template lists setThermostatMode and both setpoints; the
  -- actions and properties are those of its sibling com.fibaro.hvacSystemAuto
  ["com.fibaro.hvacSystemHeatCool"] = { base = "com.fibaro.hvacSystem", actions = auto,
    properties = with(climate, modes, heating, cooling) },
  -- (template) thermostats: a mode, setpoints and the room `temperature`;
  -- the base is the one of the HC3's own thermostats (hvacSystem*, FGT001)
  ["com.fibaro.thermostat"] = { base = "com.fibaro.hvacSystem", actions = thermo_auto,
    properties = with(climate, modes, heating, cooling, { temperature = 0 }) },
  ["com.fibaro.thermostatHeat"] = { base = "com.fibaro.hvacSystem", actions = thermo_heat,
    properties = with(climate, modes, heating, { temperature = 0 }) },
  ["com.fibaro.thermostatCool"] = { base = "com.fibaro.hvacSystem", actions = thermo_cool,
    properties = with(climate, modes, cooling, { temperature = 0 }) },
  ["com.fibaro.thermostatHeatCool"] = { base = "com.fibaro.hvacSystem", actions = thermo_auto,
    properties = with(climate, modes, heating, cooling, { temperature = 0 }) },
  -- (template) setpoint-only thermostats: no mode
  ["com.fibaro.thermostatSetpoint"] = { base = "com.fibaro.hvacSystem",
    actions = { setHeatingThermostatSetpoint = 1, setCoolingThermostatSetpoint = 1 },
    properties = with(climate, heating, cooling, { temperature = 0 }) },
  ["com.fibaro.thermostatSetpointHeat"] = { base = "com.fibaro.hvacSystem",
    actions = { setHeatingThermostatSetpoint = 1 }, properties = with(climate, heating, { temperature = 0 }) },
  ["com.fibaro.thermostatSetpointCool"] = { base = "com.fibaro.hvacSystem",
    actions = { setCoolingThermostatSetpoint = 1 }, properties = with(climate, cooling, { temperature = 0 }) },
  ["com.fibaro.thermostatSetpointHeatCool"] = { base = "com.fibaro.hvacSystem",
    actions = { setHeatingThermostatSetpoint = 1, setCoolingThermostatSetpoint = 1 },
    properties = with(climate, heating, cooling, { temperature = 0 }) },
  ["com.fibaro.thermostatDanfoss"] = { base = "com.fibaro.hvacSystem", actions = danfoss,
    properties = with(climate, modes, { climatePanelTimestamp = 0 }) },
  ["com.fibaro.thermostatHorstmann"] = { base = "com.fibaro.thermostatDanfoss", actions = danfoss,
    properties = with(climate, modes, { climatePanelTimestamp = 0 }) },
  ["com.fibaro.FGT001"] = { base = "com.fibaro.hvacSystem",
    actions = with(heat, { setSchedule = 3, setAllSchedules = 0, removeSchedule = 0, setScheduleState = 1,
      retryScheduleSynchronization = 0, setOverrideSchedule = 2, removeOverrideSchedule = 0,
      setDefaultPartyTime = 1 }),
    properties = with(climate, modes, heating, { defaultPartyTime = 240, schedules = {} }) },
  ["com.fibaro.coolAutomationHvac"] = { base = "com.fibaro.hvacSystem", actions = none,
    properties = with(climate, { mode = 0 }) },
  ["com.fibaro.coolAutomation"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.setPointForwarder"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.fibaroHeatActivator"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.humidifier"] = { base = "com.fibaro.device",
    actions = { setMode = 1, setTargetLevelHumidify = 1, setTargetLevelDry = 1 },
    properties = with(other, { mode = "Auto", currentHumidity = 0, targetLevelHumidify = 0, targetLevelDry = 0 }) },
  -- (2020) the HC3 5.0x home-automation branch
  ["com.fibaro.homeAutomation"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.hvac"] = { base = "com.fibaro.homeAutomation", actions = none, properties = climate },
  ["com.fibaro.setPoint"] = { base = "com.fibaro.hvac", actions = none, properties = climate },
  ["com.fibaro.operatingMode"] = { base = "com.fibaro.hvac", actions = none, properties = climate },
  ["com.fibaro.operatingModeHorstmann"] = { base = "com.fibaro.operatingMode", actions = none,
    properties = climate },
  ["com.fibaro.fanMode"] = { base = "com.fibaro.hvac", actions = none, properties = climate },
  ["com.fibaro.samsungAirConditioner"] = { base = "com.fibaro.setPoint", actions = none, properties = climate },

  -- ---- security: alarms, partitions, locks, cameras, intercoms ---------------------
  ["com.fibaro.securityMonitoring"] = { base = "com.fibaro.device", actions = none, properties = secure },
  ["com.fibaro.alarm"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.satelAlarm"] = { base = "com.fibaro.alarm",
    actions = { arm = 1, disarm = 1, armAll = 0, disarmAll = 0, clearAlarm = 1, clearAlarmAll = 0,
      setOutputsOn = 1, setOutputsOff = 1, setUserCode = 1, setNetworkSettings = 0, reloadConfiguration = 0 },
    properties = other },
  ["com.fibaro.envisaLinkAlarm"] = { base = "com.fibaro.alarm", actions = none, properties = other },
  -- (2020)
  ["com.fibaro.dscAlarm"] = { base = "com.fibaro.alarm", actions = none, properties = other },
  ["com.fibaro.alarmPartition"] = { base = "com.fibaro.securityMonitoring", actions = partition,
    properties = with(secure, { armed = false, alarm = false }) },
  ["com.fibaro.satelPartition"] = { base = "com.fibaro.alarmPartition",
    actions = with(partition, { clearAlarm = 0, setDisabled = 1 }),
    properties = with(secure, { armed = false, alarm = false, disabled = false, partitionId = 0 }) },
  ["com.fibaro.envisaLinkPartition"] = { base = "com.fibaro.alarmPartition", actions = partition,
    properties = with(secure, { armed = false, alarm = false, ready = false, partitionId = 0 }) },
  -- (2020)
  ["com.fibaro.dscPartition"] = { base = "com.fibaro.alarmPartition", actions = partition,
    properties = with(secure, { armed = false, alarm = false }) },
  ["com.fibaro.doorLock"] = { base = "com.fibaro.securityMonitoring", value = false, actions = lock,
    properties = with(secure, { secured = 0, doorLockMode = "" }) },
  ["com.fibaro.schlage"] = { base = "com.fibaro.doorLock", value = false, actions = lock,
    properties = with(secure, { secured = 0, doorLockMode = "" }) },
  ["com.fibaro.kwikset"] = { base = "com.fibaro.doorLock", value = false, actions = lock,
    properties = with(secure, { secured = 0, doorLockMode = "" }) },
  ["com.fibaro.polyControl"] = { base = "com.fibaro.doorLock", value = false, actions = lock,
    properties = with(secure, { secured = 0, doorLockMode = "" }) },
  ["com.fibaro.gerda"] = { base = "com.fibaro.doorLock", value = false, actions = lock,
    properties = with(secure, { secured = 0, doorLockMode = "" }) },
  ["com.fibaro.camera"] = { base = "com.fibaro.securityMonitoring", actions = camera, properties = secure },
  ["com.fibaro.ipCamera"] = { base = "com.fibaro.camera", actions = ptz, properties = secure },
  ["com.fibaro.videoGate"] = { base = "com.fibaro.ipCamera", actions = with(ptz, { openGate = 0 }),
    properties = secure },
  ["com.fibaro.fibaroIntercom"] = { base = "com.fibaro.videoGate",
    actions = with(ptz, { openGate = 0, openDoor1 = 0, openDoor2 = 0, startRecording = 0, stopRecording = 0,
      sendCameraImageToAdminEmail = 0 }),
    properties = with(secure, { tamper = false, isRecording = false }) },
  ["com.fibaro.dahuaBasedCamera"] = { base = "com.fibaro.ipCamera", actions = ptz, properties = secure },
  ["com.fibaro.dahuaCamera"] = { base = "com.fibaro.dahuaBasedCamera", actions = ptz, properties = secure },
  ["com.fibaro.niceCamera"] = { base = "com.fibaro.dahuaBasedCamera",
    actions = with(ptz, { turnOnCameraSiren = 1, turnOffCameraSiren = 0, turnOnCameraAlarmLight = 0,
      turnOffCameraAlarmLight = 0, turnOnCameraWhiteLight = 0, turnOffCameraWhiteLight = 0 }),
    properties = secure },
  ["com.fibaro.niceCameraPlugin"] = { base = "com.fibaro.device", actions = { addCamera = 0, addNvr = 0 },
    properties = other },
  ["com.fibaro.niceNvr"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.intercom"] = { base = "com.fibaro.securityMonitoring", actions = { openLock = 0 },
    properties = secure },
  ["com.fibaro.mobotix"] = { base = "com.fibaro.intercom", actions = { openLock = 0, openDoor = 0 },
    properties = secure },
  ["com.fibaro.alphatechFarfisa"] = { base = "com.fibaro.intercom", actions = { openLock = 0, openDoor = 0 },
    properties = secure },
  ["com.fibaro.heliosBasic"] = { base = "com.fibaro.intercom", actions = { openLock = 0 }, properties = secure },
  ["com.fibaro.heliosGold"] = { base = "com.fibaro.intercom",
    actions = { openLock = 0, openDoor1 = 0, openDoor2 = 0, openDoor3 = 0, openDoor4 = 0 }, properties = secure },

  -- ---- multimedia: players, receivers, zones ----------------------------------------
  ["com.fibaro.multimedia"] = { base = "com.fibaro.device", actions = media, properties = multimedia },
  ["com.fibaro.player"] = { base = "com.fibaro.multimedia", actions = player, properties = multimedia },
  ["com.fibaro.sonosSpeaker"] = { base = "com.fibaro.player", actions = player, properties = multimedia },
  ["com.fibaro.denonHeosZone"] = { base = "com.fibaro.player", actions = heos, properties = multimedia },
  ["com.fibaro.denonHeosGroup"] = { base = "com.fibaro.player", actions = heos, properties = multimedia },
  ["com.fibaro.denonHeos"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.receiver"] = { base = "com.fibaro.multimedia", actions = player, properties = multimedia },
  ["com.fibaro.davisVantage"] = { base = "com.fibaro.receiver", actions = player, properties = multimedia },
  ["com.fibaro.avController"] = { base = "com.fibaro.multimedia",
    actions = with(media, { sendAVControl = 1, getSupportedCommands = 0 }),
    properties = with(multimedia, { supportedCommands = {} }) },
  ["com.fibaro.xbmc"] = { base = "com.fibaro.multimedia",
    actions = with(player, { mute = 0, forward = 0, rewind = 0, up = 0, down = 0, left = 0, right = 0,
      select = 0, back = 0, menu = 0, info = 0 }),
    properties = multimedia },
  ["com.fibaro.wakeOnLan"] = { base = "com.fibaro.multimedia", actions = media, properties = multimedia },
  ["com.fibaro.initialstate"] = { base = "com.fibaro.multimedia", actions = media, properties = multimedia },
  ["com.fibaro.nuvoZone"] = { base = "com.fibaro.multimedia", actions = media, properties = multimedia },
  ["com.fibaro.nuvoPlayer"] = { base = "com.fibaro.multimedia", actions = media, properties = multimedia },
  ["com.fibaro.russoundXZone4Zone"] = { base = "com.fibaro.multimedia", actions = russound_zone,
    properties = with(multimedia, { partyMode = false }) },
  ["com.fibaro.russoundXSourceZone"] = { base = "com.fibaro.multimedia", actions = russound_zone,
    properties = with(multimedia, { partyMode = false }) },
  ["com.fibaro.russoundX5Zone"] = { base = "com.fibaro.multimedia", actions = russound_zone,
    properties = with(multimedia, { partyMode = false }) },
  ["com.fibaro.russoundMCA88XZone"] = { base = "com.fibaro.multimedia", actions = russound_zone,
    properties = with(multimedia, { partyMode = false }) },
  ["com.fibaro.russoundXZone4"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.russoundXSource"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.russoundX5"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.russoundMCA88X"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.russoundController"] = { base = "com.fibaro.device", actions = none, properties = other },
  -- (2020)
  ["com.fibaro.philipsTV"] = { base = "com.fibaro.multimedia", actions = media, properties = multimedia },

  -- ---- weather ----------------------------------------------------------------------
  ["com.fibaro.weather"] = { base = "com.fibaro.device", actions = none, properties = weather },
  ["com.fibaro.WeatherProvider"] = { base = "com.fibaro.weather", actions = none, properties = weather },
  ["com.fibaro.yrWeather"] = { base = "com.fibaro.weather", actions = none,
    properties = with(weather, { Pressure = 0 }) },

  -- ---- integrations (the HC3's plugins) -----------------------------------------------
  ["com.fibaro.philipsHue"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.logitechHarmonyHub"] = { base = "com.fibaro.device", actions = none,
    properties = with(other, { isOnline = false }) },
  ["com.fibaro.logitechHarmonyActivity"] = { base = "com.fibaro.device", actions = { changeActivityState = 0 },
    properties = other },
  ["com.fibaro.logitechHarmonyAccount"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.hunterDouglas"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.hunterDouglasScene"] = { base = "com.fibaro.device", actions = { playScene = 0 },
    properties = other },
  ["com.fibaro.husqvarnaMower"] = { base = "com.fibaro.device",
    actions = { pause = 0, resume = 0, setInterval = 1, start3h = 0, start6h = 0, start12h = 0, park3h = 0,
      park6h = 0, park12h = 0, parkUntilNextSchedule = 0, parkUntilFurtherNotice = 0 },
    properties = with(other, { batteryLevel = 0, mowerState = "", mowerMode = "", mowerActivity = "",
      mowerErrorCode = 0 }) },
  ["com.fibaro.planikaFLA3"] = { base = "com.fibaro.device",
    actions = { start = 0, stop = 0, plus = 0, minus = 0, changeLockState = 0 }, properties = other },
  ["com.fibaro.onyx"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.tedeeAccount"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.pko"] = { base = "com.fibaro.device", actions = { setPolicyNumber = 1, setAssistancePushEnabled = 1 },
    properties = with(other, { state = "inactive" }) },
  -- (2020) Samsung SmartThings appliances
  ["com.fibaro.samsungSmartAppliances"] = { base = "com.fibaro.device", actions = none, properties = other },
  ["com.fibaro.samsungWasher"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungDryer"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungDishwasher"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungOven"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungRefrigerator"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungRobotCleaner"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
  ["com.fibaro.samsungAirPurifier"] = { base = "com.fibaro.homeAutomation", actions = none, properties = other },
}

return M
