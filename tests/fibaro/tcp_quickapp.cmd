bash ../http/with_echo.sh "$PLUA" "$SCRIPT"
