# The QuickApp reaches its own API server over HTTP (same loop).
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
port=$(free_port)
"$PLUA" --api-port "$port" --header "var:port=$port" lib/self_call_qa.lua | mask
