# A bad command line: lua5.4's message and usage, exit code 2.
"$PLUA" --bogus 2>&1 | head -2; echo "exit ${PIPESTATUS[0]}"
"$PLUA" -e 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" -l 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" -vv 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" -iv 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" -Ex 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" --run-for abc "$SCRIPT" 2>&1 | head -1; echo "exit ${PIPESTATUS[0]}"
"$PLUA" --version | sed -E 's/[0-9]+\.[0-9]+\.[0-9]+/X.Y.Z/g; s/1994-[0-9]+/1994-Y/'; echo "exit $?"
"$PLUA" --help > /dev/null; echo "help exit $?"
"$PLUA" -h > /dev/null; echo "-h exit $?"
# -v prints the version and goes on.
"$PLUA" -v -e 'print("after -v")' | sed -n 2p
"$PLUA" -- ../core/args_and_varargs.lua -not-an-option | sed -n 3p
