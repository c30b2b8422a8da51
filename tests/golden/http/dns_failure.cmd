bash "$TOOLS_DIR/with_server.sh" "$PLUA" "$SCRIPT"
