# /api/refreshStates?last=N is a long-poll as on the HC3: held while
# nothing happens (without holding up other requests), woken by the event
# an action's updateProperty logs (tests/tools/longpoll_check.py).
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
python3 "$TOOLS_DIR/longpoll_check.py" "$API_PORT"
stop_qa
