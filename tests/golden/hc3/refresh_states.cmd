# Events from the fake HC3 (a device it changes itself) reach a
# RefreshStateSubscriber of the QuickApp, as its own events do. The change
# is made once plua is long-polling (its second /refreshStates request):
# events from before its first answer are not delivered, as on the box.
source "$TOOLS_DIR/fake_hc3.sh"
FAKE_LONGPOLL=0.5
start_fake_hc3 || exit 1
fake POST /__fake/emit '{"type":"HC3StartedEvent","data":{}}'
qa=$PWD/lib/events_qa.lua
cd "$TEST_TMP/work" || exit 1
"$PLUA" "$qa" >"$TEST_TMP/out" 2>&1 &
pid=$!
tries=0
until (($(fake_log | grep -c '^GET /api/refreshStates') >= 2)); do
  ((++tries > 1000)) && { echo "plua did not poll"; break; }
  sleep 0.01
done
fake POST /__fake/set '{"id":46,"property":"value","value":true}'
wait $pid
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
fake_log | grep refreshStates | head -2
check_no_secret "$TEST_TMP/out"
