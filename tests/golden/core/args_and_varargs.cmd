"$PLUA" "$SCRIPT" one "two words" --three
