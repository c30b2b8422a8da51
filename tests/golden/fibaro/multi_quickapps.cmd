# Several QuickApps in one run: ids 5555, 5556, ... in command-line order
# (a .lua and an .fqa), calls between them, one's error not stopping the
# others; then an id clash, and a missing file.
cd multi || exit 1
"$PLUA" --fibaro hub.lua lamp.lua packaged.fqa 2>&1
echo "exit $?"
echo "--- an id clash names both files"
cd "$TEST_TMP" || exit 1
printf -- '--%%%%name:A\n--%%%%id:77\nfunction QuickApp:onInit() end\n' > a.lua
printf -- '--%%%%name:B\n--%%%%id:77\nfunction QuickApp:onInit() end\n' > b.lua
"$PLUA" --fibaro a.lua b.lua 2>&1
echo "exit $?"
echo "--- a missing file"
"$PLUA" --fibaro a.lua nothere.lua 2>&1
echo "exit $?"
echo "--- -- ends the list"
printf -- '--%%%%name:C\n--%%%%time:2026-11-23 12:00:00\nfunction QuickApp:onInit() print("alone") end\n' > c.lua
"$PLUA" --fibaro c.lua -- b.lua 2>&1
echo "exit $?"
