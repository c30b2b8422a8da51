# The HC3 API server is plua's own (libuv and http-parser): it serves with
# libwebsockets missing (PLUA_LIBWEBSOCKETS names a missing library); only
# net.WebSocket, the client, loads that library.
export PLUA_TIME="2026-11-23 23:21:51"
export PLUA_LIBWEBSOCKETS=libmissing.so.0
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
req GET /api/devices/5555/properties/value
stop_qa
