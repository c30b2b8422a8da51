# QoS 0/1/2 both ways against a real broker: plua receives what
# mosquitto_pub sends and mosquitto_sub receives what plua publishes.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
mosquitto_sub -p "$MQTT_PORT" -i sub1 -t plua/out/# -v -q 2 -C 3 -W 20 >"$TEST_TMP/sub.txt" &
sub=$!
mqtt_wait_log "Sending SUBACK to sub1" || exit 99
"$PLUA" "$SCRIPT"
code=$?
wait "$sub"
echo "mosquitto_sub got:"
cat "$TEST_TMP/sub.txt"
exit $code
