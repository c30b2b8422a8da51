# The QuickApp runs with the API server (--api-port), for /api/events.
set -o pipefail
source "$TOOLS_DIR/web_api.sh"
export API_PORT=$(free_port)
bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" --api-port "$API_PORT" "$SCRIPT" | sed -E 's/^\[23\.11\.2026\]\[12:00:[0-9]{2}\]/[23.11.2026][12:00:ss]/'
echo "plua exit code: $?"
