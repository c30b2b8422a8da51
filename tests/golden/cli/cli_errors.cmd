"$PLUA" --bogus; echo "exit $?"
"$PLUA" -e; echo "exit $?"
"$PLUA" --run-for abc "$SCRIPT"; echo "exit $?"
"$PLUA" --version | sed -E 's/[0-9]+\.[0-9]+\.[0-9]+/X.Y.Z/g'; echo "exit $?"
"$PLUA" --help > /dev/null; echo "help exit $?"
"$PLUA" -- ../core/args_and_varargs.lua -not-an-option | sed -n 3p
echo 'print("piped with -i")' | "$PLUA" -i
