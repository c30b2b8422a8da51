"$PLUA" -e "print(\"only -e\")" -e "nil" -e "setTimeout(function() print(\"timer after -e\") end, 1)"
