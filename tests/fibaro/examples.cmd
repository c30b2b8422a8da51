export PLUA_TIME="2026-11-23 23:21:51"
for example in basic interval_vars children; do
  echo "--- $example"
  "$PLUA" "../../examples/fibaro/$example.lua"
  echo "exit $?"
done
