export PLUA_TIME="2026-11-23 23:21:51"
echo "--- terminal"
script -qec "\"$PLUA\" \"$SCRIPT\"" /dev/null </dev/null | tr -d '\r' | cat -v
echo "--- pipe"
"$PLUA" "$SCRIPT" | cat -v
