# What keeps the process alive: a client with listeners while connected;
# not one without listeners, not once the listeners are removed.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
"$PLUA" "$SCRIPT"
echo "plua exit code: $?"
