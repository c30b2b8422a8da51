bash "$TOOLS_DIR/repl_driver.sh" "$PLUA" "$TEST_TMP"
