"$PLUA" --no-warnings "$SCRIPT"
