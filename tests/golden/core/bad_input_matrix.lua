-- Every plua API function with missing, wrong-typed, NaN, huge and
-- negative arguments: each call either works or raises a clear error,
-- never crashes. Timers created on the way are cleared at the end.
local values = {
  {"none", none = true}, {"nil", nil}, {"NaN", 0/0}, {"-1", -1}, {"huge", math.huge}, {"2^63", math.maxinteger},
  {"'str'", "str"}, {"{}", {}}, {"true", true}, {"fn", function() end},
}
local functions = {
  "setTimeout", "setInterval", "clearTimeout", "clearInterval",
  "_PY.sleep", "_PY.unref", "_PY.ref", "_PY.file_exists", "_PY.read_file",
  "_PY.get_time", "_PY.milli_time", "_PY.get_platform", "_PY.stats", "_PY.pending",
  "_PY.getPendingCallbackCount", "_PY.getRunningIntervalsCount", "_PY.on_exit",
}
local created = {}
local function resolve(name)
  local f = _G
  for part in name:gmatch("[^.]+") do f = f[part] end
  return f
end
for _, name in ipairs(functions) do
  local f = resolve(name)
  for _, v in ipairs(values) do
    -- _PY.sleep(math.huge) sleeps for ever, by design (like the timers).
    if name == "_PY.sleep" and (v[1] == "huge" or v[1] == "2^63") then goto continue end
    local ok, r = pcall(function()
      if v.none then return f() end
      return f(v[2], v[2])
    end)
    if ok and (name == "setTimeout" or name == "setInterval") then created[#created + 1] = r end
    local shown = ok and "ok" or tostring(r):gsub("^[^:]+:%d+: ", "")
    print(("%s(%s) -> %s"):format(name, v[1], shown))
    ::continue::
  end
end
for _, id in ipairs(created) do clearTimeout(id) end
print("cleared", #created, "timers; pending now", #_PY.pending())
