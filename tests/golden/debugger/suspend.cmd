python3 "$TOOLS_DIR/mobdebug_ide.py" suspend.ide "$PLUA" --debugger "127.0.0.1:{port}" suspend.lua | sed -E "s/^< 202 Paused suspend.lua [0-9]+$/< 202 Paused suspend.lua LINE/"
"$PLUA" --debugger 9 --nodebugger suspend.lua && echo "nodebugger: ran"
