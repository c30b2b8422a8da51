# --no-api, --%%api:false: no server, even without PLUA_NO_API.
export PLUA_TIME="2026-11-23 23:21:51"
unset PLUA_NO_API
source "$TOOLS_DIR/web_api.sh"
port=$(free_port)
echo "--- --no-api"
"$PLUA" --no-api --api-port "$port" --header "var:port=$port" lib/self_call_qa.lua 2>&1 | sed "s/:$port\//:PORT\//" | mask
echo "--- --%%api:false"
"$PLUA" --header "api:false" --header "api_port:$port" --header "var:port=$port" lib/self_call_qa.lua 2>&1 | sed "s/:$port\//:PORT\//" | mask
echo "--- --%%api_port:N"
"$PLUA" --header "api_port:$port" --header "var:port=$port" lib/self_call_qa.lua 2>&1 | sed "s/:$port\//:PORT\//" | mask
echo "--- PLUA_NO_API=1"
PLUA_NO_API=1 "$PLUA" --header "api_port:$port" --header "var:port=$port" lib/self_call_qa.lua 2>&1 | sed "s/:$port\//:PORT\//" | mask
