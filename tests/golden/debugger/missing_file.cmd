python3 "$TOOLS_DIR/mobdebug_ide.py" missing_file.ide "$PLUA" --debugger "127.0.0.1:{port}" missing_file.lua
