python3 "$TOOLS_DIR/mobdebug_ide.py" suspend_idle.ide "$PLUA" --debugger "{port}" suspend_idle.lua
