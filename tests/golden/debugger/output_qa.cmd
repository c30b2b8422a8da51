python3 "$TOOLS_DIR/mobdebug_ide.py" output_qa.ide "$PLUA" --debugger "{port}" output_qa.lua
