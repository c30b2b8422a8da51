python3 "$TOOLS_DIR/mobdebug_ide.py" quickapp_files.ide "$PLUA" --debugger "{port}" quickapp_files.lua
