--%%name:Sandbox
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- The HC3's sandbox: a QuickApp has no io, no loadfile/dofile, no
-- require/package and only os.time/date/clock/difftime; the TQAE line
-- published apps carry does nothing. Globals are shared with the emulation.
_ = loadfile and loadfile("TQAE.lua"){ refreshStates = true }
print("hidden", io, loadfile, dofile, require, package, os.exit, os.execute, os.getenv, os.remove)
print("kept", type(os.time), type(os.date), type(os.clock), type(os.difftime), type(load), type(string), type(_PY),
  type(json), type(net), type(setTimeout))
print("io use", pcall(function() return io.open("x") end))
local chunk = load("return os.getenv, type(fibaro)")
print("load sees the sandbox", chunk())
shared = 42
print("_G is the global table", rawget(_G, "shared"), _G.shared, rawget(_G, "QuickApp") == QuickApp)
function QuickApp:onInit()
  __TAG = "MYTAG"
  self:debug("a QuickApp may set __TAG")
  fibaro.debug(__TAG, "and the emulation sees it")
end
