-- require("plua.args"): the one family of argument checks for plua's Lua
-- code, the Lua twin of lauxlib's luaL_argerror. Messages have Lua's shape,
--   bad argument #1 to 'read_file' (string expected, got nil)
-- and blame the first frame outside plua's bundled modules (chunks named
-- "@[plua]/..."), found by walking the stack: no caller counts levels.

local getinfo, error, format = debug.getinfo, error, string.format

local M = {}

-- The level, as error() counts it in the function that calls blame_level(),
-- of the first frame that is not bundled code: a script's line, or a C
-- function (pcall) that called the API directly, which has no line (as in
-- lauxlib). 0 (no position) if every frame is bundled.
local function blame_level()
  local level = 2  -- getinfo's count: 1 is blame_level, 2 its caller
  while true do
    local info = getinfo(level, "S")
    if info == nil then return 0 end
    if info.source:sub(1, 7) ~= "@[plua]" then return level - 1 end
    level = level + 1
  end
end

-- Raises `message` at the caller of plua's code.
function M.raise(message)
  error(message, blame_level())
end

-- bad argument #n to 'name' (message)
function M.error(n, name, message)
  error(format("bad argument #%d to '%s' (%s)", n, name, message), blame_level())
end

function M.check(cond, n, name, message)
  if not cond then M.error(n, name, message) end
  return cond
end

-- "string expected, got nil"
function M.check_type(value, expected, n, name)
  if type(value) ~= expected then M.error(n, name, format("%s expected, got %s", expected, type(value))) end
  return value
end

return M
