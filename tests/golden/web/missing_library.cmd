# libwebsockets is loaded when the server starts: without it, one warning
# and the QuickApp runs on (PLUA_LIBWEBSOCKETS names a missing library).
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
port=$(free_port)
PLUA_LIBWEBSOCKETS=libmissing.so.0 "$PLUA" --api-port "$port" lib/short_qa.lua 2>&1 | sed "s/:$port /:PORT /" | mask
echo "plua exit ${PIPESTATUS[0]}"
