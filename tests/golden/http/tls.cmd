openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -keyout "$TEST_TMP/key.pem" -out "$TEST_TMP/cert.pem" 2>/dev/null || exit 99
coproc TLS { exec openssl s_server -accept 127.0.0.1:0 -www -naccept 2 -cert "$TEST_TMP/cert.pem" -key "$TEST_TMP/key.pem" 2>&1; }
tls_pid=$TLS_PID port=
while read -r line <&"${TLS[0]}"; do
  [[ $line =~ ^ACCEPT\ .*:([0-9]+)$ ]] && { port=${BASH_REMATCH[1]}; break; }
done
"$PLUA" "$SCRIPT" "$port"; code=$?
kill "$tls_pid" 2>/dev/null; wait "$tls_pid" 2>/dev/null
exit $code
