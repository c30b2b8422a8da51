"$PLUA" "$SCRIPT"
"$PLUA" "$SCRIPT" late-error > /dev/null
echo "exit $?"
