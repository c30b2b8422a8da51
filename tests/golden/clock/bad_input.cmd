# Bad clock settings stop the run before it starts, naming the setting.
cd "$TEST_TMP" || exit 1
echo 'print("ran")' > plain.lua
for speed in 0 -1 abc 1e9; do "$PLUA" --speed "$speed" plain.lua 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"; done
PLUA_TIME=teatime "$PLUA" plain.lua 2>&1; echo "exit $?"
PLUA_TIME="2026-02-30 25:00" "$PLUA" plain.lua 2>&1; echo "exit $?"
printf -- '--%%%%name:X\n--%%%%speed:fast\nfunction QuickApp:onInit() end\n' > qa.lua
"$PLUA" --fibaro qa.lua 2>&1; echo "exit $?"
printf -- '--%%%%name:X\n--%%%%speed:0\nfunction QuickApp:onInit() end\n' > qa.lua
"$PLUA" --fibaro qa.lua 2>&1; echo "exit $?"
printf -- '--%%%%name:X\n--%%%%time:tomorrow\nfunction QuickApp:onInit() end\n' > qa.lua
"$PLUA" --fibaro qa.lua 2>&1; echo "exit $?"
echo "--- PLUA_TIME pins the real clock too, without --speed"
PLUA_TIME="2030-01-01 00:00:00" TZ=UTC "$PLUA" -e 'print(os.date("%Y-%m-%d"), os.time() >= 1893456000 and os.time() < 1893456000 + 60)'
echo "--- the command line's --speed wins over the header's"
printf -- '--%%%%name:X\n--%%%%speed:1\n--%%%%time:2026-01-01 00:00:00\nfunction QuickApp:onInit() setInterval(function() end, 3600*1000) end\n_PY.on_exit(function() print(os.date("%%d %%H:%%M")) end)\n' > qa.lua
TZ=UTC "$PLUA" --speed 5 --fibaro --header fullLua:true qa.lua 2>&1
