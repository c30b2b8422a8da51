--%%name:Json
--%%time:2026-11-23 23:21:51
-- json in the emulation: round trips of random values, unicode, big
-- numbers, json.null, and random or mutated text that must give either a
-- value or a clear error, never a crash.
local seed = 12345
local function rand(n) -- a small LCG, so the run is the same everywhere
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local function random_value(depth)
  local kind = rand(depth > 3 and 5 or 7)
  if kind == 0 then return rand(2) == 1 end
  if kind == 1 then return rand(100000) - 50000 end
  if kind == 2 then return (rand(100000) - 50000) / 64 end
  if kind == 3 then
    local chars = {}
    for i = 1, rand(12) do chars[i] = string.char(32 + rand(95)) end
    return table.concat(chars) .. (rand(4) == 0 and "é✓\n\t\"" or "")
  end
  if kind == 4 then return json.null end
  if kind == 5 then
    local t = {}
    for i = 1, rand(5) do t[i] = random_value(depth + 1) end
    return t
  end
  local t = {}
  for _ = 1, 1 + rand(4) do t["k" .. rand(50)] = random_value(depth + 1) end
  return t
end

local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

function QuickApp:onInit()
  local round_trips = 0
  for _ = 1, 2000 do
    local v = random_value(0)
    local text = json.encode(v)
    if not same(json.decode(text), v) then error("round trip failed for " .. text) end
    if json.encode(json.decode(text)) ~= text then error("re-encoding changed " .. text) end
    round_trips = round_trips + 1
  end
  self:debug("round trips", round_trips)

  local decoded, errors = 0, 0
  local alphabet = '{}[]":,0123456789.eE-+ truefalsn\\u"ab\0\255'
  for _ = 1, 3000 do
    local text
    if rand(2) == 0 then
      local chars = {}
      for i = 1, rand(30) do
        local at = 1 + rand(#alphabet)
        chars[i] = alphabet:sub(at, at)
      end
      text = table.concat(chars)
    else
      text = json.encode(random_value(0))
      local at = 1 + rand(#text)
      text = text:sub(1, at - 1) .. string.char(rand(256)) .. text:sub(at + 1)
    end
    local ok, result = pcall(json.decode, text)
    if ok then
      decoded = decoded + 1
    else
      errors = errors + 1
      if not tostring(result):match("^json%.decode: ") then error("unclear error: " .. tostring(result)) end
    end
  end
  self:debug("random texts", decoded + errors, "every failure a json.decode error:", true)

  self:debug(json.encode({ "é", "日本", "\u{1F600}" }), json.decode('"\\u00e9\\ud83d\\ude00"'))
  self:debug(json.encode({ big = 9007199254740993, float = 1e300, small = -1e-300 }))
  self:debug(json.decode("123456789012345678901234"), math.type(json.decode("9007199254740993")))
  self:debug(json.encode({ a = json.null, b = { json.null, 1 } }), json.decode("null") == json.null)
  self:debug(json.encode({}), json.encode({ [1] = "a", [3] = "c" }))
  self:debug(pcall(json.decode, '{"a": 1,}'))
  self:debug(pcall(json.decode, "[1, 2"))
  self:debug(pcall(json.decode, ""))
end
