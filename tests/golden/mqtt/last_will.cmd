# The last will: plua connects with one, then is killed (no DISCONNECT);
# the broker publishes the will to a waiting mosquitto_sub.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
mosquitto_sub -p "$MQTT_PORT" -i willsub -t will/# -v -q 1 -C 1 -W 20 >"$TEST_TMP/sub.txt" &
sub=$!
mqtt_wait_log "Sending SUBACK to willsub" || exit 99
"$PLUA" "$SCRIPT"
echo "plua exit code: $?"
wait "$sub"
echo "mosquitto_sub got:"
cat "$TEST_TMP/sub.txt"
