export PLUA_TIME="2026-11-23 23:21:51"
for example in basic interval_vars children; do
  echo "--- $example"
  "$PLUA" "../../../examples/fibaro/$example.lua"
  echo "exit $?"
done
echo "--- http (against the test server)"
coproc SERVER { exec "$HTTP_TEST_SERVER"; }
read -r port <&"${SERVER[0]}"
"$PLUA" --header "var:url=\"http://127.0.0.1:$port/ok\"" ../../../examples/fibaro/http.lua | sed "s/:$port/:PORT/"
echo "exit ${PIPESTATUS[0]}"
eval "exec ${SERVER[1]}>&-"
wait
