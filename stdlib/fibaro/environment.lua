-- Each QuickApp's own environment, as on the box where every QuickApp is a
-- Lua state of its own: its globals (what its code assigns stays its own),
-- its QuickApp and QuickAppChild classes, `class`, `plugin`, `__TAG`,
-- `print` and `quickApp`; reads of anything else go to the shared globals
-- (fibaro, api, json, net, setTimeout, _PY, ...). The HC3's sandbox hides
-- io, loadfile, dofile, require, package and all of os but time, date,
-- clock and difftime (so `_ = loadfile and loadfile("TQAE.lua"){...}`
-- lines do nothing); fullLua gives them back. `load` without an
-- environment loads into the QuickApp's. `_G` is the environment itself.
local class = require("plua.fibaro.class")
local quickapp = require("plua.fibaro.quickapp")
local log = require("plua.fibaro.log")

local M = {}

local hidden = { io = true, dofile = true, loadfile = true, require = true, package = true }
local os_allowed = { time = true, date = true, clock = true, difftime = true }
local os_view = setmetatable({}, { __index = function(_, k) return os_allowed[k] and os[k] or nil end })

local owners = setmetatable({}, { __mode = "k" }) -- environment -> its QuickApp record

-- A new environment for QuickApp record `qa` ({ id, name, ... });
-- `plugin` is its plugin table.
function M.new(qa, full_lua, plugin)
  -- the shared globals as its own (rawget(_G, "json") works, as on the
  -- box); what is added to the shared ones later is still found
  local env = {}
  for k, v in pairs(_G) do
    if full_lua or not hidden[k] then env[k] = v end
  end
  if not full_lua then env.os = os_view end
  local function sandboxed_load(chunk, name, mode, ...)
    if select("#", ...) > 0 then return load(chunk, name, mode, ...) end
    return load(chunk, name, mode, env)
  end
  setmetatable(env, {
    __index = function(_, k)
      if not full_lua and hidden[k] then return nil end
      return _G[k]
    end,
  })
  env.load = sandboxed_load
  env._G = env
  env.QuickApp = class.inherit(class.new("QuickApp"), quickapp.QuickApp)
  env.QuickAppChild = class.inherit(class.new("QuickAppChild"), quickapp.QuickAppChild)
  env.QuickAppBase = quickapp.QuickAppBase
  env.class = class.class_in(env)
  env.plugin = plugin
  env.__TAG = (qa.name .. qa.id):upper()
  -- As on the controller: print is a DEBUG line with the QuickApp's tag.
  env.print = function(...) log.write("DEBUG", rawget(env, "__TAG") or "QUICKAPP", ...) end
  require("plua.fibaro.builtins").install(env)
  owners[env] = qa
  return env
end

-- The QuickApp whose code called into the emulation (nil if none): the
-- first function up the stack whose _ENV (upvalue, or a main chunk's
-- local) is a QuickApp's environment.
-- For messages only (a warning's tag): it walks the stack.
function M.calling_quickapp()
  for level = 3, 40 do
    local info = debug.getinfo(level, "f")
    if not info then return nil end
    for i = 1, 255 do -- a main chunk has its environment as a local
      local name, value = debug.getlocal(level, i)
      if name == nil then break end
      if name == "_ENV" and owners[value] then return owners[value] end
    end
    for i = 1, 255 do
      local name, value = debug.getupvalue(info.func, i)
      if name == nil then break end
      if name == "_ENV" then
        if owners[value] then return owners[value] end
        break
      end
    end
  end
  return nil
end

function M.tag_of(qa) return qa and rawget(qa.env, "__TAG") or "QUICKAPP" end

return M
