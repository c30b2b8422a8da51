LUA_PATH="./shadow/?.lua" "$PLUA" "$SCRIPT"; LUA_PATH="./shadow/?.lua" PLUA_BUNDLED=0 "$PLUA" "$SCRIPT"
