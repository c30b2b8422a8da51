-- The HC3's `class "Name"(Base)` helper: defines the global Name, a class
-- whose instances are made by calling it (Name(...) runs Name:__init(...)),
-- optionally inheriting from Base.
local args = require("plua.args")

local M = {}

-- Metamethods are looked up raw on the metatable, so a subclass copies its
-- base's when it is declared.
local inherited = { "__tostring", "__eq", "__lt", "__le", "__add", "__sub", "__mul", "__div", "__mod", "__unm",
  "__concat", "__len", "__call", "__close" }

local function instantiate(cls, ...)
  local object = setmetatable({}, cls)
  local init = cls.__init
  if init then init(object, ...) end
  return object
end

-- A class table: its own __index, named for tostring and error messages.
function M.new(name, base)
  local cls = { __name = name }
  cls.__index = cls
  setmetatable(cls, { __call = instantiate, __index = base, __tostring = function() return "class " .. name end })
  return cls
end

function M.inherit(cls, base)
  getmetatable(cls).__index = base
  for _, key in ipairs(inherited) do
    if rawget(cls, key) == nil and base[key] ~= nil then cls[key] = base[key] end
  end
  return cls
end

-- class "Name" or class "Name"(Base).
function M.class(name)
  if type(name) ~= "string" then
    args.error(1, "class", "string expected, got " .. type(name))
  end
  local cls = M.new(name)
  _G[name] = cls
  return function(base)
    if type(base) ~= "table" then
      args.error(1, "class " .. name, "base class expected, got " .. type(base))
    end
    return M.inherit(cls, base)
  end
end

return M
