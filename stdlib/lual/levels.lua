-- lual.levels: built-in level numbers plus the registry of custom levels.
local M = {}

local builtin = {
  NOTSET = 0, DEBUG = 10, INFO = 20, WARNING = 30,
  ERROR = 40, CRITICAL = 50, NONE = 100,
}
M.definition = builtin

local custom = {}        -- lower-case name -> value
local name_of = {}       -- value -> upper-case name (cache)

-- bumped whenever names change (the async queue caches level names)
M.version = 0

local function rebuild_names()
  M.version = M.version + 1
  name_of = {}
  for n, v in pairs(builtin) do name_of[v] = n end
  for n, v in pairs(custom) do
    if name_of[v] == nil then name_of[v] = n:upper() end
  end
end
rebuild_names()

function M.get_level_name(value)
  return name_of[value] or ("UNKNOWN_LEVEL_NO_" .. tostring(value))
end

function M.validate_custom_level_name(name)
  if type(name) ~= "string" then return false, "Level name must be a string" end
  if name == "" then return false, "Level name cannot be empty" end
  if name:lower() ~= name then return false, "Level name must be lowercase" end
  if not name:find("^[a-z_][a-z0-9_]*$") then
    return false, "Level name must be a valid Lua identifier (lowercase letters, numbers, and underscores only)"
  end
  if name:byte(1) == 95 then return false, "Level names starting with '_' are reserved" end
  return true
end

function M.validate_custom_level_value(value, ignore_existing_custom)
  if type(value) ~= "number" then return false, "Level value must be a number" end
  if math.type(value) ~= "integer" and value ~= math.floor(value) then
    return false, "Level value must be an integer"
  end
  if value <= builtin.DEBUG or value >= builtin.ERROR then
    -- lual's words, and the two levels the range sits between
    return false, string.format("Level value must be between %d and %d (above DEBUG=%d, below ERROR=%d)",
      builtin.DEBUG + 1, builtin.ERROR - 1, builtin.DEBUG, builtin.ERROR)
  end
  for _, v in pairs(builtin) do
    if v == value then return false, "Level value " .. value .. " conflicts with a built-in level" end
  end
  if not ignore_existing_custom then
    for _, v in pairs(custom) do
      if v == value then return false, "Level value " .. value .. " conflicts with an existing custom level" end
    end
  end
  return true
end

function M.set_custom_levels(t)
  if type(t) ~= "table" then error("Custom levels must be a table", 2) end
  local seen = {}
  local names = {}
  for name in pairs(t) do names[#names + 1] = tostring(name) end
  table.sort(names)
  for _, name in ipairs(names) do
    local value = t[name]
    local ok, err = M.validate_custom_level_name(name)
    if not ok then error("Invalid custom level name '" .. tostring(name) .. "': " .. err, 0) end
    ok, err = M.validate_custom_level_value(value, true)
    if not ok then error("Invalid custom level value for '" .. name .. "': " .. err, 0) end
    if seen[value] then
      error("Duplicate level value " .. value .. " for levels '" .. seen[value] .. "' and '" .. name .. "'", 0)
    end
    seen[value] = name
  end
  custom = {}
  for name, value in pairs(t) do custom[name] = math.tointeger(value) or value end
  rebuild_names()
end

function M.get_custom_levels()
  local copy = {}
  for n, v in pairs(custom) do copy[n] = v end
  return copy
end

function M.is_custom_level(name)
  return type(name) == "string" and custom[name:lower()] ~= nil
end

function M.get_custom_level_value(name)
  if type(name) ~= "string" then return nil end
  return custom[name:lower()]
end

-- name (any case) -> UPPER name, value; nil if unknown.
function M.get_level_by_name(name)
  if type(name) ~= "string" then return nil end
  local up = name:upper()
  local v = builtin[up]
  if v then return up, v end
  if up == "WARN" then return "WARNING", builtin.WARNING end
  v = custom[name:lower()]
  if v then return up, v end
  return nil
end

function M.get_all_levels()
  local all = {}
  for n, v in pairs(builtin) do all[n] = v end
  for n, v in pairs(custom) do all[n:upper()] = v end
  return all
end

-- Level value from a number or a (built-in or custom) name; nil if unknown.
function M.resolve(level)
  if type(level) == "number" then return level end
  if type(level) == "string" then
    local _, v = M.get_level_by_name(level)
    return v
  end
  return nil
end

return M
