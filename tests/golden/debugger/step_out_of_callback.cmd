python3 "$TOOLS_DIR/mobdebug_ide.py" step_out_of_callback.ide "$PLUA" --debugger "{port}" step_out_of_callback.lua
