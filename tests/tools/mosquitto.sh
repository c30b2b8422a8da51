#!/usr/bin/env bash
# Sourced by the tests/golden/mqtt .cmd files and scripts/bench/run: a real
# broker (Debian's mosquitto) on free loopback ports, with a config written
# into $TEST_TMP, started and stopped by the caller.
#   source "$TOOLS_DIR/mosquitto.sh"
#   mqtt_start [--auth USER PASSWORD] [--tls]
#       sets MQTT_PORT (plain listener), MQTT_BROKER_PID, MQTT_LOG; with --tls
#       also MQTT_TLS_PORT and MQTT_CA (a CA made here with openssl; the
#       broker's certificate is for 127.0.0.1); with --auth the broker
#       refuses anonymous clients (mosquitto_passwd makes the file)
#   mqtt_wait_log REGEX [SECONDS]   waits until the broker logged a matching line
#   mqtt_stop                       stops the broker (also at exit)
# Every wait is bounded: a broker that does not start fails the test (exit 99).

: "${TEST_TMP:?TEST_TMP must name a scratch directory}"

mqtt_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

mqtt_wait_log() {
  local regex=$1 seconds=${2:-10} i
  for ((i = 0; i < seconds * 50; i++)); do
    grep -Eq -- "$regex" "$MQTT_LOG" 2>/dev/null && return 0
    sleep 0.02
  done
  echo "mosquitto.sh: the broker never logged /$regex/" >&2
  return 1
}

mqtt_make_certs() {
  local dir=$TEST_TMP/certs
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=plua test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1 || return 1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1 || return 1
  printf 'subjectAltName = IP:127.0.0.1, DNS:localhost\n' >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext.cnf" -out "$dir/server.crt" >/dev/null 2>&1 || return 1
  MQTT_CA=$dir/ca.crt
}

mqtt_start() {
  local auth_user= auth_password= tls=0 attempt
  while (($#)); do
    case $1 in
      --auth) auth_user=$2 auth_password=$3; shift 3 ;;
      --tls) tls=1; shift ;;
      *) echo "mqtt_start: unknown option $1" >&2; return 2 ;;
    esac
  done
  MQTT_LOG=$TEST_TMP/mosquitto.log
  local conf=$TEST_TMP/mosquitto.conf
  if ((tls)); then mqtt_make_certs || { echo "mosquitto.sh: openssl failed" >&2; exit 99; }; fi
  if [[ -n $auth_user ]]; then
    : >"$TEST_TMP/passwd"
    chmod 600 "$TEST_TMP/passwd"
    mosquitto_passwd -b "$TEST_TMP/passwd" "$auth_user" "$auth_password" || exit 99
  fi
  for attempt in 1 2 3 4 5; do
    MQTT_PORT=$(mqtt_free_port)
    {
      echo "user $(id -un)"  # as root, mosquitto would switch to the mosquitto user
      echo "per_listener_settings false"
      echo "log_dest file $MQTT_LOG"
      echo "log_type all"
      echo "persistence false"
      echo "listener $MQTT_PORT 127.0.0.1"
      if ((tls)); then
        MQTT_TLS_PORT=$(mqtt_free_port)
        echo "listener $MQTT_TLS_PORT 127.0.0.1"
        echo "cafile $MQTT_CA"
        echo "certfile $TEST_TMP/certs/server.crt"
        echo "keyfile $TEST_TMP/certs/server.key"
      fi
      if [[ -n $auth_user ]]; then
        echo "allow_anonymous false"
        echo "password_file $TEST_TMP/passwd"
      else
        echo "allow_anonymous true"
      fi
    } >"$conf"
    : >"$MQTT_LOG"
    mosquitto -c "$conf" >"$TEST_TMP/mosquitto.out" 2>&1 &
    MQTT_BROKER_PID=$!
    if mqtt_wait_log "mosquitto version .* running" 5 2>/dev/null; then
      export MQTT_PORT MQTT_TLS_PORT MQTT_CA MQTT_BROKER_PID MQTT_LOG
      trap mqtt_stop EXIT
      return 0
    fi
    kill "$MQTT_BROKER_PID" 2>/dev/null
    wait "$MQTT_BROKER_PID" 2>/dev/null
  done
  echo "mosquitto.sh: the broker did not start:" >&2
  cat "$TEST_TMP/mosquitto.out" "$MQTT_LOG" >&2
  exit 99
}

mqtt_stop() {
  if [[ -n ${MQTT_BROKER_PID:-} ]]; then
    kill "$MQTT_BROKER_PID" 2>/dev/null
    wait "$MQTT_BROKER_PID" 2>/dev/null
    MQTT_BROKER_PID=
  fi
}
