"$PLUA" -e "1+2" -e "x = 10" -e "x * 2, \"two values\"" -e "print(\"statement\")" "$SCRIPT"
