python3 "$TOOLS_DIR/mobdebug_ide.py" exit.ide "$PLUA" --debugger "{port}" exit.lua
