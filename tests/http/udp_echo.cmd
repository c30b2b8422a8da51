bash with_echo.sh "$PLUA" "$SCRIPT"
