bash "$TOOLS_DIR/with_echo.sh" "$PLUA" "$SCRIPT"
