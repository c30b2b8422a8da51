# Errors and os.exit as lua5.4 has them, side by side (tests/tools/compare_lua.sh):
# the message handler runs before the stack unwinds; os.exit(c, true)
# closes the state (pending __close, finalizers); -W shows warnings.
c() { bash "$TOOLS_DIR/compare_lua.sh" "$@"; }
cd "$TEST_TMP" || exit 1
cat > tostring_sees_stack.lua <<'LUA'
local m = setmetatable({x = 0}, {__tostring = function(x)
  return "line " .. tostring(debug.getinfo(4).currentline + x.x)
end})
error(m)
LUA
c tostring_sees_stack.lua
cat > close_gets_traceback.lua <<'LUA'
local x <close> = setmetatable({}, {__close = function(_, err)
  print("close handler got:", (err:gsub("\n.*", "")), err:find("stack traceback", 1, true) ~= nil)
end})
error("boom")
LUA
c close_gets_traceback.lua
printf 'error{}\n' > table_error.lua
c table_error.lua
cat > exit_close.lua <<'LUA'
local x <close> = setmetatable({}, {__close = function(_, err) print("Ok", err) end})
local e1 <close> = setmetatable({}, {__close = function() print(120) end})
setmetatable({}, {__gc = function() print("finalized") end})
os.exit(true, true)
LUA
c exit_close.lua
cat > exit_in_finalizer.lua <<'LUA'
print("creating 1")
setmetatable({}, {__gc = function () print(1) end})
print("creating 2")
setmetatable({}, {__gc = function ()
  print("2")
  print("creating 3")
  setmetatable({}, {__gc = function () print(3) end})
  print(collectgarbage())
  os.exit(0, true)
end})
LUA
c -W exit_in_finalizer.lua
for code in nil 0 true 1 false 3; do c -e "os.exit($code, true)"; done
c -e 'setmetatable({}, {__gc = function() print("no close: not finalized") end}) os.exit(0)'
cat > gc_warnings.lua <<'LUA'
warn("@allow")
u1 = setmetatable({}, {__gc = function () error("XYZ") end})
u2 = setmetatable({}, {__gc = function () error("ZYX") end})
LUA
c -W gc_warnings.lua
c -W -e 'warn("@off", "XXX", "@off")' -e 'warn("@off")' -e 'warn("@on")' -e 'warn("Z", "Z")'
exit 0
