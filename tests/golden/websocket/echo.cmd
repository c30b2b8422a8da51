bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" -e 'net = require("plua.net")' "$SCRIPT"
