python3 "$TOOLS_DIR/mobdebug_ide.py" --nobody "$PLUA" --debugger "127.0.0.1:{port}" nobody.lua
