LUA_PATH="./modules/?.lua" "$PLUA" -l string_helper "$SCRIPT"
