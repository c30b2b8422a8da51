PLUA_LIBCURL=libplua-no-such-curl.so.4 "$PLUA" "$SCRIPT"
