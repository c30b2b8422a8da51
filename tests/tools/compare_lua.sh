#!/usr/bin/env bash
# Runs lua5.4 and plua with the same arguments and the same stdin, and
# compares what they did: stdout exactly but for the version line (-v, -i),
# stderr with the program name normalised ("lua5.4: " and "usage: lua5.4"
# read as plua's), exit code.
# Prints "same: ARGS" or what differs (and exits 1).
# Usage: compare_lua.sh [--stderr-lines N] [--bad-command-line] [--] ARGS...
#   --stderr-lines N    compare only the first N lines of stderr (plua's
#                       usage text lists more options than lua5.4's)
#   --bad-command-line  lua5.4 exits 1, plua 2 (an intended difference)
#   --repl              lua5.4's REPL writes errors without its name, plua
#                       with its "plua: " (an intended difference)
# PLUA names plua (default: plua on PATH); stdin is read once and given to both.
set -uo pipefail

plua=${PLUA:-plua}
stderr_lines=
bad_command_line=0
repl=0
while (($#)); do
  case $1 in
    --stderr-lines) stderr_lines=$2; shift 2 ;;
    --bad-command-line) bad_command_line=1; shift ;;
    --repl) repl=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -t 0 ]]; then : >"$work/stdin"; else cat >"$work/stdin"; fi

run() {  # run NAME PROGRAM: stdout, stderr and exit code into $work/NAME.*
  "$2" "${@:3}" <"$work/stdin" >"$work/$1.out" 2>"$work/$1.err"
  echo $? >"$work/$1.code"
}
run lua lua5.4 "$@"
run plua "$plua" "$@"

normalise() {  # stderr with the program name as plua's, maybe cut
  sed -E 's/^lua5\.4: /plua: /; s/^usage: lua5\.4 /usage: plua /' "$1" |
    if ((repl)); then sed -E 's/^plua: //'; else cat; fi |
    if [[ -n $stderr_lines ]]; then head -n "$stderr_lines"; else cat; fi
}
version() { sed -E 's/^(Lua 5\.4|plua [0-9.]+ \(libuv [0-9.]+\) on Lua 5\.4)\.[0-9]+  Copyright .*/<version line>/' "$1"; }
same=1
if ! diff -u --label lua5.4-stdout --label plua-stdout <(version "$work/lua.out") <(version "$work/plua.out"); then
  same=0
fi
if ! diff -u --label lua5.4-stderr --label plua-stderr <(normalise "$work/lua.err") <(normalise "$work/plua.err"); then
  same=0
fi
lua_code=$(<"$work/lua.code") plua_code=$(<"$work/plua.code")
((bad_command_line)) && [[ $lua_code == 1 ]] && lua_code=2
if [[ $lua_code != "$plua_code" ]]; then
  echo "exit code: lua5.4 $lua_code, plua $plua_code"
  same=0
fi
if ((same)); then
  echo "same: $*"
  exit 0
fi
echo "differ: $*"
exit 1
