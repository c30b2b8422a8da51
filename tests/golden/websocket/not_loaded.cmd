PLUA_LIBWEBSOCKETS=libwebsockets-missing.so.0 "$PLUA" "$SCRIPT"
