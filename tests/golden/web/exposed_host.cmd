# A non-loopback address: a one-line warning that the HC3 API is exposed.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
port=$(free_port)
"$PLUA" --api-host 0.0.0.0 --api-port "$port" --header "var:port=$port" lib/self_call_qa.lua 2>&1 | sed "s/:$port\b/:PORT/" | mask
echo "--- a bad address"
"$PLUA" --api-host localhost lib/short_qa.lua 2>&1 | mask
echo "plua exit ${PIPESTATUS[0]}"
echo "--- a bad port header"
"$PLUA" --header "api_port:99999" lib/short_qa.lua 2>&1 | mask
echo "plua exit ${PIPESTATUS[0]}"
