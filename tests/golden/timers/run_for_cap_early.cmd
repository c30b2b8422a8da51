start=$(date +%s%N); "$PLUA" --run-for 30 "$SCRIPT"; end=$(date +%s%N); (( (end - start) < 10000000000 )) && echo "exited before the cap"
