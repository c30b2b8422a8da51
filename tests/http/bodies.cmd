bash with_server.sh "$PLUA" "$SCRIPT"
