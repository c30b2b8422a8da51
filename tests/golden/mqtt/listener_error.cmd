# An error in a listener is reported like any task error, naming the
# listener and where connect was called; the client carries on; exit 1.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
"$PLUA" "$SCRIPT"
