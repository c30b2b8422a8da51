-- /alarms/v1: partitions, their arm state and breaches, the alarm devices.
local model = require("plua.fibaro.model")
local alarms = require("plua.fibaro.alarms")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request, number_of = router.route, router.not_found, router.bad_request, router.number_of
local base = "/alarms/v1/partitions"

local function spec_error(data, creating)
  if (creating or data.name ~= nil) and model.name_error(data.name, "name") then return "name expected" end
  if data.devices ~= nil then
    if type(data.devices) ~= "table" then return "devices must be a list of device ids" end
    for _, id in ipairs(data.devices) do
      if math.type(id) ~= "integer" then return "devices must be a list of device ids" end
    end
  end
  for _, key in ipairs({ "armDelay", "breachDelay" }) do
    if data[key] ~= nil and math.type(data[key]) ~= "integer" then return key .. " must be an integer" end
  end
  return nil
end

route("GET", base, function() return model.copy(alarms.partitions), 200 end)
route("GET", base .. "/breached", function() return alarms.breached_ids(), 200 end)

route("POST", base, function(_, data)
  local err = spec_error(data, true)
  if err then return bad_request(err) end
  return model.copy(alarms.add(data)), 201
end)

local function partition(c) return alarms.find(number_of(c[1])) end

route("GET", base .. "/(%d+)", function(c)
  local p = partition(c)
  if not p then return not_found("Partition") end
  return model.copy(p), 200
end)

route("PUT", base .. "/(%d+)", function(c, data)
  local p = partition(c)
  if not p then return not_found("Partition") end
  local err = spec_error(data, false)
  if err then return bad_request(err) end
  for _, key in ipairs({ "name", "devices", "armDelay", "breachDelay" }) do
    if data[key] ~= nil then p[key] = model.copy(data[key]) end
  end
  return model.copy(p), 200
end)

route("DELETE", base .. "/(%d+)", function(c)
  if not alarms.remove(number_of(c[1])) then return not_found("Partition") end
  return nil, 200
end)

-- POST arms, DELETE disarms: one partition, or all of them.
for method, act in pairs({ POST = alarms.arm, DELETE = alarms.disarm }) do
  route(method, base .. "/(%d+)/actions/arm", function(c)
    local p = partition(c)
    if not p then return not_found("Partition") end
    act(p)
    return nil, 204
  end)
  route(method, base .. "/actions/arm", function()
    for _, p in ipairs(alarms.partitions) do act(p) end
    return nil, 204
  end)
end

-- tryArm: arms unless a device of the partition is breached right now
-- (its value true); then 409 and the breached device ids.
local function breached_devices(p)
  local ids = {}
  for _, id in ipairs(p.devices) do
    local d = model.devices[id]
    if d and d.properties.value == true then ids[#ids + 1] = id end
  end
  return ids
end
route("POST", base .. "/(%d+)/actions/tryArm", function(c)
  local p = partition(c)
  if not p then return not_found("Partition") end
  local breached = breached_devices(p)
  if #breached > 0 then return { partitionId = p.id, breachedDevices = breached }, 409 end
  alarms.arm(p)
  return nil, 204
end)
route("POST", base .. "/actions/tryArm", function()
  local out = {}
  for _, p in ipairs(alarms.partitions) do
    local breached = breached_devices(p)
    if #breached > 0 then out[#out + 1] = { partitionId = p.id, breachedDevices = breached } else alarms.arm(p) end
  end
  if #out > 0 then return out, 409 end
  return nil, 204
end)

-- The devices in some partition, with their partition's state.
route("GET", "/alarms/v1/devices", function()
  local list, seen = {}, {}
  for _, p in ipairs(alarms.partitions) do
    for _, id in ipairs(p.devices) do
      if not seen[id] then
        seen[id] = true
        list[#list + 1] = { id = id, armed = p.armed, breached = p.breached }
      end
    end
  end
  return list, 200
end)

return true
