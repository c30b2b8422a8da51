bash ../http/with_server.sh "$PLUA" "$SCRIPT"
