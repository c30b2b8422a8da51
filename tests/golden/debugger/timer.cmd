python3 "$TOOLS_DIR/mobdebug_ide.py" timer.ide "$PLUA" --debugger "127.0.0.1:{port}" timer.lua
