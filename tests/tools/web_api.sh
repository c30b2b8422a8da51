# Sourced by the tests/golden/web .cmd files: runs a QuickApp with the HC3
# API server and talks to it with curl, in order (never by sleeping a
# guessed time).
#   free_port                 a TCP port nothing listens on now
#   start_qa SCRIPT ARGS...   plua ARGS... SCRIPT in the background, its
#                             output in $TEST_TMP/qa.out; returns once the
#                             server answers on $API_PORT (requests are
#                             tasks queued behind the boot: onInit ran)
#   req METHOD PATH [CURL...] one request: "METHOD PATH -> STATUS BODY"
#   stop_qa                   sets the global variable "stop" through the
#                             API (the QuickApp's interval then ends), waits
#                             for plua and prints its output and exit code
# The emulated clock runs on (PLUA_TIME only sets where it starts), and a
# loaded machine may pass a second boundary: both print through mask, which
# hides the time of day in log stamps and the created/modified times.
mask() {
  sed -E 's/\]\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]\[/][hh:mm:ss][/; s/"(created|modified)":[0-9]+/"\1":T/g'
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_qa() {
  local script=$1
  shift
  "$PLUA" "$@" "$script" >"$TEST_TMP/qa.out" 2>&1 &
  QA_PID=$!
  local tries=0
  until curl -s -o /dev/null "http://127.0.0.1:$API_PORT/api/settings/info"; do
    if ! kill -0 "$QA_PID" 2>/dev/null || ((++tries > 500)); then
      echo "web_api.sh: the QuickApp did not start:"
      kill "$QA_PID" 2>/dev/null
      wait "$QA_PID"
      cat "$TEST_TMP/qa.out"
      return 1
    fi
    sleep 0.01
  done
}

req() {
  local method=$1 path=$2
  shift 2
  local body status
  body=$(curl -s -S --path-as-is -X "$method" -o - -w '\n%{http_code}' "$@" "http://127.0.0.1:$API_PORT$path" 2>&1)
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  echo "$method $path -> $status $body" | cat -v | mask
}

stop_qa() {
  curl -s -o /dev/null -X POST -d '{"name":"stop","value":"yes"}' "http://127.0.0.1:$API_PORT/api/globalVariables"
  wait "$QA_PID"
  local code=$?
  echo "--- the QuickApp (exit $code)"
  mask <"$TEST_TMP/qa.out"
}
