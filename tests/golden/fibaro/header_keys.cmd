TZ=UTC LUA_PATH="lib/?.lua" "$PLUA" "$SCRIPT"
