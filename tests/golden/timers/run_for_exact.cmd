"$PLUA" --run-for -0.05 "$SCRIPT" && echo "exit 0 after the run"
