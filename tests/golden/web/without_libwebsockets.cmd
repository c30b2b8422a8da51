# The HC3 API server's HTTP is plua's own (libuv and http-parser): it
# serves with libwebsockets missing (PLUA_LIBWEBSOCKETS names a missing
# library); only the /api/events WebSocket needs the library, and without
# it the upgrade gets a 503 that says why.
export PLUA_TIME="2026-11-23 23:21:51"
export PLUA_LIBWEBSOCKETS=libmissing.so.0
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
req GET /api/devices/5555/properties/value
req GET /api/events -H 'Upgrade: websocket' -H 'Connection: Upgrade' \
  -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H 'Sec-WebSocket-Version: 13'
req GET /api/devices/5555/properties/value
stop_qa
