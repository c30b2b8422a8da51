# A broker that demands a user name and password (mosquitto_passwd).
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start --auth alice s3cret
"$PLUA" "$SCRIPT" | sed "s/:$MQTT_PORT/:PORT/g"
