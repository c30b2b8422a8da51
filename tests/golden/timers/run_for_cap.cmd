"$PLUA" --run-for 0.05 "$SCRIPT"
