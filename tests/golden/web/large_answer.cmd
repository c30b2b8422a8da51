# A large answer to a slow reader: the server writes what the socket takes
# at once and hands the rest to a uv_write, sent as the reader drains; the
# request ends (and the kept-alive connection takes the next one) only
# when all of it is sent. Readers that half-close and leave mid-answer
# make that write fail, and the server answers the next request (EPIPE, not SIGPIPE).
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/many_devices.lua --api-port "$API_PORT" || exit 1
python3 "$TOOLS_DIR/slow_reader.py" "$API_PORT" /api/devices
stop_qa
