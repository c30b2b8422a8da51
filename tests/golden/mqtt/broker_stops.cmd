# The broker stops mid-session: `closed`, and the process ends by itself.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
"$PLUA" "$SCRIPT"
echo "plua exit code: $?"
