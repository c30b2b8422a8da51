set -o pipefail
bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" -e 'net = require("plua.net")' "$SCRIPT" | sort -s -k1,1
echo "plua exit code: $?"
