# Retained messages both ways: one left by mosquitto_pub -r before plua
# starts, and one plua publishes that a later mosquitto_sub still gets.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
mosquitto_pub -p "$MQTT_PORT" -q 1 -r -t ret/old -m "kept by the broker" || exit 99
"$PLUA" "$SCRIPT"
