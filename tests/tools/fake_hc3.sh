# Sourced by the tests/golden/hc3 .cmd files: a fake HC3 (fake_hc3.py) on a
# free port of 127.0.0.1, started before the test and stopped after it.
#   start_fake_hc3        starts it; sets HC3_PORT and HC3_BASE, and makes
#                         $TEST_TMP/work (the working directory plua runs in)
#                         with a .env naming it (HC3_URL, HC3_USER,
#                         HC3_PASSWORD=$HC3_SECRET, HC3_PIN); HOME is a fresh
#                         directory, so no ~/.env of the machine is read
#   fake_log              the requests the fake HC3 saw, one per line
#   fake POST PATH JSON   a control request (/__fake/emit, /__fake/set)
#   check_no_secret FILE  says whether the password or PIN appear in FILE
# The fake stops when the test's shell exits (trap).
HC3_SECRET='s3cr3t-Pa55'
HC3_PIN_VALUE='86420135'

start_fake_hc3() {
  mkdir -p "$TEST_TMP/work" "$TEST_TMP/home"
  export HOME=$TEST_TMP/home
  unset HC3_URL HC3_USER HC3_PASSWORD HC3_PIN
  python3 "$TOOLS_DIR/fake_hc3.py" --user admin --password "$HC3_SECRET" --pin "$HC3_PIN_VALUE" \
    --port-file "$TEST_TMP/hc3.port" --longpoll "${FAKE_LONGPOLL:-1}" &
  FAKE_PID=$!
  trap 'kill $FAKE_PID 2>/dev/null; wait $FAKE_PID 2>/dev/null' EXIT
  local tries=0
  until [[ -s $TEST_TMP/hc3.port ]]; do
    if ! kill -0 "$FAKE_PID" 2>/dev/null || ((++tries > 500)); then
      echo "fake_hc3.sh: the fake HC3 did not start"
      return 1
    fi
    sleep 0.01
  done
  HC3_PORT=$(<"$TEST_TMP/hc3.port")
  HC3_BASE=http://127.0.0.1:$HC3_PORT
  printf 'HC3_URL=%s\nHC3_USER=admin\nHC3_PASSWORD="%s"\nexport HC3_PIN=%s\n' "$HC3_BASE" "$HC3_SECRET" \
    "$HC3_PIN_VALUE" >"$TEST_TMP/work/.env"
}

fake_log() { curl -s "$HC3_BASE/__fake/log" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))'; }

fake() { curl -s -X "$1" -d "$3" "$HC3_BASE$2" >/dev/null; }

check_no_secret() {
  if grep -q -e "$HC3_SECRET" -e "$HC3_PIN_VALUE" "$1"; then echo "SECRET LEAKED in $1"; else echo "no secret in the output"; fi
}

# Output with the fake's port and the day's time stamps masked.
hc3_mask() {
  sed -E "s/127\.0\.0\.1:$HC3_PORT/127.0.0.1:PORT/g; s/\[[0-9]{2}\.[0-9]{2}\.[0-9]{4}\]\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]/[DATE][TIME]/g"
}
