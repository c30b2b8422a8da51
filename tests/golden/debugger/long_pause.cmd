python3 "$TOOLS_DIR/mobdebug_ide.py" long_pause.ide "$PLUA" --debugger "{port}" long_pause.lua
