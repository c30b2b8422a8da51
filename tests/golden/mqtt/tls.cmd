# mqtts:// against the broker with a certificate made by the test (openssl).
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start --tls
"$PLUA" "$SCRIPT" | sed "s/:$MQTT_TLS_PORT/:PORT/g"
