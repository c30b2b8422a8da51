"$PLUA" - a b < stdin_input.txt && "$PLUA" < stdin_input.txt
