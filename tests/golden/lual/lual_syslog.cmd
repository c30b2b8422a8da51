"$UDP_LISTEN" 6 > "$TEST_TMP/datagrams" & listener=$!
until [[ -s $TEST_TMP/datagrams ]]; do sleep 0.01; done
port=$(head -1 "$TEST_TMP/datagrams")
"$PLUA" "$SCRIPT" "$port" | sed -E 's/cannot resolve no-such-host.invalid: .*/cannot resolve no-such-host.invalid: (resolver message)/'
echo "exit ${PIPESTATUS[0]}"
wait $listener
# The datagrams, with the local timestamp made stable.
tail -n +2 "$TEST_TMP/datagrams" | sed -E 's/^(<[0-9]+>)[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} /\1STAMP /'
