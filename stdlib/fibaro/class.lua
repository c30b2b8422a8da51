-- The HC3's `class "Name"(Base)` helper: defines the global Name, a class
-- whose instances are made by calling it (Name(...) runs Name:__init(...)),
-- optionally inheriting from Base.
--
-- As on the box, where classes are C++ objects, an instance is a userdata
-- to type(): QuickApps test `type(self) == "userdata"`. Its fields live in
-- a table of its own (fields[object]); reads fall back to the class and
-- its bases, and the class's metamethods (__tostring, __eq, ...) apply.
local args = require("plua.args")
local objects = require("plua.fibaro.objects")

local M = {}

local fields = setmetatable({}, { __mode = "k" }) -- instance -> its fields

-- Metamethods are looked up raw on the metatable, so a subclass copies its
-- base's when it is declared.
local inherited = { "__tostring", "__eq", "__lt", "__le", "__add", "__sub", "__mul", "__div", "__mod", "__unm",
  "__concat", "__len", "__call", "__close" }

local function instantiate(cls, ...)
  local object = objects.new(cls)
  fields[object] = {}
  local init = cls.__init
  if init then init(object, ...) end
  return object
end

-- Is v an instance made by a class of this module?
function M.is_object(v) return fields[v] ~= nil end

-- The field the instance itself holds (nil if only its class has one).
function M.own(object, key)
  local own = fields[object]
  return own and own[key]
end

-- A class table, which is also the metatable of its instances (so that
-- getmetatable(object) == Class): reads look in the instance's fields,
-- then in the class and its bases; __name names it for tostring and error
-- messages.
function M.new(name, base)
  local cls = { __name = name }
  cls.__index = function(object, key)
    local value = fields[object][key]
    if value == nil then return cls[key] end
    return value
  end
  cls.__newindex = function(object, key, value) fields[object][key] = value end
  cls.__pairs = function(object) return next, fields[object], nil end
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

-- class "Name" or class "Name"(Base), defining Name in `env`.
local function declare(env, name)
  if type(name) ~= "string" then
    args.error(1, "class", "string expected, got " .. type(name))
  end
  local cls = M.new(name)
  env[name] = cls
  return function(base)
    if type(base) ~= "table" then
      args.error(1, "class " .. name, "base class expected, got " .. type(base))
    end
    return M.inherit(cls, base)
  end
end

function M.class(name) return declare(_G, name) end

-- The `class` of a QuickApp: its classes are globals of its environment.
function M.class_in(env)
  return function(name) return declare(env, name) end
end

return M
