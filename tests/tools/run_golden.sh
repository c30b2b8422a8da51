#!/usr/bin/env bash
# Runs one golden test NAME in DIR (a tests/golden/FEATURE folder): runs it
# with plua, from DIR, and compares what it did with the files beside it:
#   NAME.lua   the script (optional when NAME.cmd exists: a test may be
#              only a command, e.g. one that feeds plua its script on stdin)
#   NAME.out   exact stdout (missing: stdout must be empty)
#   NAME.err   stderr, line by line; a line starting with "~ " is an
#              extended regex the whole line must match (missing: empty)
#   NAME.code  exit code (missing: 0)
#   NAME.cmd   the command to run, as bash (default: "$PLUA" NAME.lua);
#              it sees $PLUA, $SCRIPT (NAME.lua, or empty without one),
#              $TEST_TMP (a fresh directory), $TOOLS_DIR (tests/tools, for
#              helpers such as with_server.sh; default: this script's
#              folder) and $CMODULE_DIR, $HTTP_TEST_SERVER, $UDP_LISTEN,
#              $ECHO_SERVER as ctest sets them
#   NAME.stdin what stdin gets (missing: /dev/null)
# A test needs NAME.lua or NAME.cmd (or both).
# Usage: run_golden.sh PLUA DIR NAME
set -uo pipefail

plua=$1 dir=$2 name=$3
tools_dir=${TOOLS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
cd "$dir" || exit 2
if [[ ! -f $name.lua && ! -f $name.cmd ]]; then
  echo "run_golden.sh: no $name.lua or $name.cmd in $dir"
  exit 2
fi
script=
[[ -f $name.lua ]] && script=$name.lua
TEST_TMP=$(mktemp -d)
trap 'rm -rf "$TEST_TMP"' EXIT
export PLUA=$plua SCRIPT=$script TEST_TMP TOOLS_DIR=$tools_dir CMODULE_DIR=${CMODULE_DIR:-}

cmd='"$PLUA" "$SCRIPT"'
[[ -f $name.cmd ]] && cmd=$(<"$name.cmd")
stdin=/dev/null
[[ -f $name.stdin ]] && stdin=$name.stdin

bash -c "$cmd" <"$stdin" >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr"
code=$?

failed=0
expected_code=0
[[ -f $name.code ]] && expected_code=$(<"$name.code")
if [[ $code != "$expected_code" ]]; then
  echo "exit code: expected $expected_code, got $code"
  failed=1
fi

expected_out=/dev/null
[[ -f $name.out ]] && expected_out=$name.out
if ! diff -u --label expected-stdout --label actual-stdout "$expected_out" "$TEST_TMP/stdout"; then
  failed=1
fi

# stderr: exact lines, or "~ REGEX" lines.
mapfile -t want < <([[ -f $name.err ]] && cat "$name.err")
mapfile -t got <"$TEST_TMP/stderr"
stderr_ok=1
if ((${#want[@]} != ${#got[@]})); then
  stderr_ok=0
else
  for i in "${!want[@]}"; do
    w=${want[$i]} g=${got[$i]}
    if [[ $w == "~ "* ]]; then
      [[ $g =~ ^${w:2}$ ]] || { stderr_ok=0; echo "stderr line $((i + 1)) does not match /${w:2}/: $g"; }
    elif [[ $w != "$g" ]]; then
      stderr_ok=0
      echo "stderr line $((i + 1)): expected: $w"
      echo "stderr line $((i + 1)):      got: $g"
    fi
  done
fi
if ((!stderr_ok)); then
  echo "--- expected stderr (${#want[@]} lines) ---"
  printf '%s\n' "${want[@]}"
  echo "--- actual stderr (${#got[@]} lines) ---"
  cat "$TEST_TMP/stderr"
  failed=1
fi
exit $failed
