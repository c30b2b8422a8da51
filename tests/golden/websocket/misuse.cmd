bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" "$SCRIPT"
echo "plua exit code: $?"
