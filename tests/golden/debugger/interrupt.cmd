python3 "$TOOLS_DIR/mobdebug_ide.py" interrupt.ide "$PLUA" --debugger "{port}" interrupt.lua
