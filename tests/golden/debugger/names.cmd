python3 "$TOOLS_DIR/mobdebug_ide.py" names.ide "$PLUA" --debugger "{port}" ./names.lua
