"$PLUA" /usr/bin/busted --output=TAP spec/arith_spec.lua; echo "exit $?"
