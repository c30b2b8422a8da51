python3 "$TOOLS_DIR/mobdebug_ide.py" quickapp.ide "$PLUA" --debugger "{port}" quickapp.lua
