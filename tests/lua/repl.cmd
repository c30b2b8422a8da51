bash ../repl_driver.sh "$PLUA" "$TEST_TMP"
