printf '#!/usr/bin/env bash\nexec "%s" --speed 2 "$@"\n' "$PLUA" > "$TEST_TMP/plua_speed"
chmod +x "$TEST_TMP/plua_speed"
bash "$TOOLS_DIR/with_server.sh" "$TEST_TMP/plua_speed" "$SCRIPT"
