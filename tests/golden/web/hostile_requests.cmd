# Hostile requests: each gets an HC3 error body and the server goes on
# serving.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
req POST /api/globalVariables -d '{"name":'
req POST /api/globalVariables -d '[1,2]'
req POST /api/globalVariables -H 'Content-Type: application/json' -d $'{"name":"bad","value":"\xff\xfe"}'
head -c 1048576 /dev/zero | tr '\0' 'a' >"$TEST_TMP/big"
req POST /api/globalVariables --data-binary "@$TEST_TMP/big"
req POST /api/globalVariables -H 'Transfer-Encoding: chunked' --data-binary "@$TEST_TMP/big"
req POST /api/globalVariables -H 'Content-Length: nonsense' -d '{}'
req BREW /api/devices
req GET /api/../../etc/passwd
req GET /../../etc/passwd
req GET /api/devices/%2e%2e/%2e%2e/etc/passwd
req GET $'/api/devices/\xff\xfe'
req GET /index.html
req GET "/api/devices/5555?x=%ff"
# Still serving:
req GET /api/devices/5555/properties/value
stop_qa
