"$PLUA" --debug-queue "$SCRIPT"
