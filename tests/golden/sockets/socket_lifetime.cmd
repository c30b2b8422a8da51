bash "$TOOLS_DIR/with_echo.sh" "$PLUA" "$SCRIPT" exit; echo "os.exit: $?"
PLUA_OPTIONS="--run-for 0.5" bash "$TOOLS_DIR/with_echo.sh" "$PLUA" "$SCRIPT"; echo "stopped: $?"
