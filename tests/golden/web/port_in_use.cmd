# Another process holds the port: one warning, the QuickApp runs without
# the server, and the other process is left alone.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
coproc HOLDER { exec python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True); sys.stdin.read()'; }
read -r port <&"${HOLDER[0]}"
"$PLUA" --api-port "$port" lib/short_qa.lua 2>&1 | sed "s/:$port /:PORT /" | mask
echo "plua exit ${PIPESTATUS[0]}"
kill -0 "$HOLDER_PID" && echo "the other listener still runs"
eval "exec ${HOLDER[1]}>&-"
wait "$HOLDER_PID"
