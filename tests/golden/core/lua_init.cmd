LUA_INIT="from_init = 7" "$PLUA" "$SCRIPT"; echo "from_init = 8" > "$TEST_TMP/init.lua"; LUA_INIT_5_4="@$TEST_TMP/init.lua" LUA_INIT="from_init = 9" "$PLUA" "$SCRIPT"
