-- The alarm panel offline: partitions (created by POST /alarms/v1/partitions
-- or alarms.add), armed and disarmed by fibaro.alarm or the REST API. A
-- device of an armed partition whose `value` turns true breaches it. Each
-- change is an event in the refreshStates log, named as on the HC3.
local model = require("plua.fibaro.model")
local clock = require("plua.fibaro.clock")

local M = { partitions = {} } -- in id order

local function now() return math.floor(clock.now()) end

function M.find(id)
  for _, p in ipairs(M.partitions) do
    if p.id == id then return p end
  end
  return nil
end

-- 'armed', 'disarmed' or 'partially_armed', as fibaro.getHomeArmState.
function M.home_state()
  local n, armed = 0, 0
  for _, p in ipairs(M.partitions) do
    n, armed = n + 1, armed + (p.armed and 1 or 0)
  end
  if armed == 0 then return "disarmed" end
  return armed == n and "armed" or "partially_armed"
end

function M.breached_ids()
  local ids = {}
  for _, p in ipairs(M.partitions) do
    if p.breached then ids[#ids + 1] = p.id end
  end
  return ids
end

-- spec = { name, devices, armDelay, breachDelay } (checked by the caller).
function M.add(spec)
  local id = 1
  for _, p in ipairs(M.partitions) do id = math.max(id, p.id + 1) end
  local p = { id = id, name = spec.name, armed = false, breached = false, devices = model.copy(spec.devices or {}),
    armDelay = spec.armDelay or 0, breachDelay = spec.breachDelay or 0, secondsToArm = 0, lastActionAt = now() }
  M.partitions[#M.partitions + 1] = p
  return p
end

function M.remove(id)
  for i, p in ipairs(M.partitions) do
    if p.id == id then
      table.remove(M.partitions, i)
      return true
    end
  end
  return false
end

local function set(p, armed)
  local before = M.home_state()
  if p.armed == armed and (armed or not p.breached) then return end
  p.armed, p.lastActionAt = armed, now()
  model.emit("AlarmPartitionArmedEvent", { partitionId = p.id, armed = armed })
  if not armed and p.breached then
    p.breached = false
    model.emit("AlarmPartitionBreachedEvent", { partitionId = p.id, breached = false })
  end
  local after = M.home_state()
  if after ~= before then model.emit("HomeArmStateChangedEvent", { newValue = after }) end
end

function M.arm(p) set(p, true) end
function M.disarm(p) set(p, false) end

-- A device's value changed: an armed partition holding it is breached when
-- the value is a breach (true, or a number above 0).
model.on_property_change[#model.on_property_change + 1] = function(id, name, value)
  if name ~= "value" or not (value == true or (type(value) == "number" and value > 0)) then return end
  for _, p in ipairs(M.partitions) do
    if p.armed and not p.breached then
      for _, member in ipairs(p.devices) do
        if member == id then
          p.breached = true
          model.emit("AlarmPartitionBreachedEvent", { partitionId = p.id, breached = true })
          model.emit("HomeBreachedEvent", { breached = true })
          break
        end
      end
    end
  end
end

return M
