"$PLUA" "$SCRIPT"
echo "--- forced on"
PLUA_TIME="2026-11-23 23:21:51" "$PLUA" --fibaro "$SCRIPT"
echo "--- spec example"
PLUA_TIME="2026-11-23 23:21:51" "$PLUA" --fibaro ../../../examples/coro1.lua
echo "--- no headers, uses the API: plain"
cd "$TEST_TMP"
printf 'print("x")\nlocal ok, err = pcall(function() return fibaro.debug end)\nprint(ok, err)\n' > noheaders.lua
"$PLUA" noheaders.lua
echo "--- off"
printf -- '--%%%%name:Q\nfunction QuickApp:onInit() end\n' > qa.lua
"$PLUA" --no-fibaro qa.lua
echo "exit $?"
echo "--- --header turns it on for a script that uses the API"
printf 'function QuickApp:onInit() self:debug("on", self.name) end\n' > qa2.lua
PLUA_TIME="2026-11-23 23:21:51" "$PLUA" --header "name:From CLI" qa2.lua
echo "--- a QuickApp without onInit exits after the main file"
printf -- '--%%%%name:NoInit\nfunction QuickApp:other() end\nprint("main done", quickApp)\n' > qa3.lua
PLUA_TIME="2026-11-23 23:21:51" "$PLUA" qa3.lua
echo "exit $?"
echo "--- a bad PLUA_TIME"
PLUA_TIME="soon" "$PLUA" qa3.lua
echo "exit $?"
