# Hostile requests on raw sockets (tests/tools/raw_http.py): malformed
# HTTP, absolute-form targets, oversized headers, traversal in the UI's
# paths, two pipelined requests, a client that half-closes after its
# request, a request half-sent and one whose body never comes. Each case is
# followed by a good request that must still be served, and a half-sent
# request never holds up the others (the loop does not wait for it); the
# server then closes it by itself.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
python3 "$TOOLS_DIR/raw_http.py" "$API_PORT"
stop_qa
