--%%name:All Types
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
-- Every entry of the one list of HC3 device types (plua.fibaro.device_types)
-- is well formed (base a known type or "", a chain that ends at
-- com.fibaro.device; value, actions and properties of the right types and
-- storable as JSON) and creatable both as a child device and by
-- api.post("/devices"), with exactly its baseType, value, actions and
-- default properties. Prints the list, type and base, for review.
local types = require("plua.fibaro.device_types")
local model = require("plua.fibaro.model")

local names = {}
for name in pairs(types) do names[#names + 1] = name end
table.sort(names)

local problems = 0
local function problem(name, what)
  problems = problems + 1
  print("PROBLEM", name, what)
end

local function same(a, b)
  return json.encode({ a }) == json.encode({ b })
end

local function well_formed(name, e)
  if type(name) ~= "string" or not name:match("^com%.fibaro%.[%w_]+$") then problem(name, "name") end
  if type(e) ~= "table" then return problem(name, "entry is not a table") end
  for k in pairs(e) do
    if k ~= "base" and k ~= "value" and k ~= "actions" and k ~= "properties" then problem(name, "field " .. k) end
  end
  if type(e.base) ~= "string" then problem(name, "base is not a string") end
  if e.base ~= "" and types[e.base] == nil then problem(name, "base " .. tostring(e.base) .. " is not a type") end
  local seen, t = {}, name
  while t ~= "" and types[t] and not seen[t] do seen[t] = true; t = types[t].base end
  if seen[t] then problem(name, "base chain has a cycle") end
  if name ~= "com.fibaro.device" and not seen["com.fibaro.device"] then problem(name, "chain misses com.fibaro.device") end
  if e.value ~= nil and model.value_error(e.value) then problem(name, "value " .. model.value_error(e.value)) end
  if type(e.actions) ~= "table" then
    problem(name, "actions is not a table")
  else
    for a, n in pairs(e.actions) do
      if type(a) ~= "string" or math.type(n) ~= "integer" or n < 0 then problem(name, "action " .. tostring(a)) end
    end
  end
  if type(e.properties) ~= "table" then
    problem(name, "properties is not a table")
  else
    local err = model.properties_error(e.properties)
    if err then problem(name, "properties: " .. err) end
    if e.properties.value ~= nil then problem(name, "value belongs in the value field") end
  end
end

local function matches(name, e, device, how)
  if device.type ~= name then problem(name, how .. " type " .. tostring(device.type)) end
  if device.baseType ~= e.base then problem(name, how .. " baseType " .. tostring(device.baseType)) end
  if not same(device.actions, e.actions) then problem(name, how .. " actions") end
  if not same(device.properties.value, e.value) then problem(name, how .. " value") end
  for k, v in pairs(e.properties) do
    if not same(device.properties[k], v) then problem(name, how .. " property " .. k) end
  end
end

function QuickApp:onInit()
  local bases = {}
  for _, name in ipairs(names) do
    local e = types[name]
    well_formed(name, e)
    bases[e.base] = true
    local ok, child = pcall(self.createChildDevice, self, { name = name, type = name })
    if not ok then
      problem(name, "createChildDevice: " .. tostring(child))
    else
      matches(name, e, api.get("/devices/" .. child.id), "child")
    end
    local res, status = api.post("/devices", { name = name, type = name })
    if status ~= 201 then
      problem(name, "api.post: " .. tostring(status))
    else
      matches(name, e, api.get("/devices/" .. res.id), "posted")
    end
    print(name, e.base == "" and '""' or e.base)
  end
  local nbases = 0
  for _ in pairs(bases) do nbases = nbases + 1 end
  local children = 0
  for _ in pairs(self.childDevices) do children = children + 1 end
  print(("%d types, %d bases, %d children, %d problems"):format(#names, nbases, children, problems))
end
