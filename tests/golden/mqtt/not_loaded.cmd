# libmosquitto is loaded on the first connect; when it cannot be, connect says so.
PLUA_LIBMOSQUITTO=libnonexistent-mosquitto.so.9 "$PLUA" "$SCRIPT"
