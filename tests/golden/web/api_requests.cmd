# The HC3 API served over HTTP: the router's bodies and statuses.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
req GET /api/devices/5555 | cut -c1-120
req GET "/api/devices?id=5555" | cut -c1-60
req GET /api/devices | cut -c1-40
req GET /api/devices/7777
req POST /api/globalVariables -d '{"name":"G1","value":"42"}'
req GET /api/globalVariables/G1
req POST /api/globalVariables -d '{"name":"G1","value":"42"}'
req PUT /api/globalVariables/G1 -d '{"value":"43"}'
req GET /api/globalVariables/G1
req DELETE /api/globalVariables/G1
req GET /api/globalVariables/G1
req POST /api/devices/5555/action/turnOn -d '{"args":[]}'
req GET /api/devices/5555/properties/value
req GET /api/nosuchthing
req DELETE /api/devices
stop_qa
