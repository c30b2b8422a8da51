python3 "$TOOLS_DIR/mobdebug_ide.py" ide_gone.ide "$PLUA" --debugger "127.0.0.1:{port}" ide_gone.lua
