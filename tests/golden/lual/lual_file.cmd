APP_LEVEL=info "$PLUA" "$SCRIPT" "$TEST_TMP" -vv --quiet
