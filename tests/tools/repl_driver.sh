#!/usr/bin/env bash
# Drives `plua` in a real terminal (a tmux pane) like a person would: each
# step types a line and waits until the screen shows what it should, so
# nothing depends on timing. Prints the final screen for the golden test.
# Usage: repl_driver.sh PLUA HOME_DIR
set -uo pipefail
plua=$1 home=$2
session="plua-repl-$$"
socket="$home/tmux.sock"
tmux_() { tmux -S "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null' EXIT

screen() { tmux_ capture-pane -t "$session" -p | sed -e 's/[[:space:]]*$//' | sed -e '/^$/d'; }
# wait_for TEXT: until the screen contains TEXT (fails after 10 s).
wait_for() {
  for _ in $(seq 1000); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.01
  done
  echo "timed out waiting for: $1"
  screen
  exit 1
}
type_line() {
  tmux_ send-keys -t "$session" -l -- "$1"
  tmux_ send-keys -t "$session" Enter
}

mkdir -p "$home"
tmux_ new-session -d -s "$session" -x 120 -y 40 \
  "HOME='$home' TERM=xterm '$plua'; echo \"exit status \$?\"; sleep 30"  || { echo "cannot start tmux"; exit 1; }
wait_for "Ctrl-D to quit"
type_line '1 + 2'
wait_for $'3'
type_line 'function twice(x)'
wait_for '>>'
type_line '  return x * 2'
type_line 'end'
type_line 'twice(21)'
wait_for '42'
type_line 'ticks = 0; id = setInterval(function() ticks = ticks + 1; if ticks <= 2 then print("tick " .. ticks) end end, 20)'
wait_for "tick 2"
# A half-typed line survives timer output and is then dropped by Ctrl-C.
tmux_ send-keys -t "$session" -l -- 'print("never sent'
wait_for 'print("never sent'
tmux_ send-keys -t "$session" C-c
wait_for '^C'
type_line 'clearInterval(id); print("ticks stopped")'
wait_for 'ticks stopped'
type_line 'error("oops")'
wait_for 'stdin:1: oops'
# Tab completion of a global table's field.
tmux_ send-keys -t "$session" -l -- 'string.upp'
tmux_ send-keys -t "$session" Tab
wait_for 'string.upper'
tmux_ send-keys -t "$session" -l -- '("done")'
tmux_ send-keys -t "$session" Enter
wait_for 'DONE'
type_line 'setTimeout(function() print("pending timer ran") end, 50)'

# Ctrl-D waits for the pending timer, then exits 0.
tmux_ send-keys -t "$session" C-d
wait_for 'exit status'
screen
echo "--- history"
cat "$home/.plua_history"
