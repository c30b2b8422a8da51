set -o pipefail
bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" -e 'net = require("plua.net")' "$SCRIPT" | sed -E 's/:[0-9]+\//:PORT\//g'
