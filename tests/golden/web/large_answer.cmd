# A large answer to a slow reader: the server writes it at once, lws keeps
# what the socket does not take and sends it as the reader drains; the
# request ends (and the kept-alive connection takes the next one) only
# when all of it is sent.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/many_devices.lua --api-port "$API_PORT" || exit 1
python3 "$TOOLS_DIR/slow_reader.py" "$API_PORT" /api/devices
stop_qa
