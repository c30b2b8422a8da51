"$PLUA" "$SCRIPT" | head -c 5
status=${PIPESTATUS[0]}
echo
echo "plua exit $status"
