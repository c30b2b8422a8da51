"$PLUA" --header "state:$TEST_TMP/qa.state" "$SCRIPT" && "$PLUA" --header "state:$TEST_TMP/qa.state" "$SCRIPT" &&
test ! -e "$TEST_TMP/qa.state.tmp" && echo "state file is JSON: $("$PLUA" -e "print(type(require('json').decode(io.open('$TEST_TMP/qa.state'):read('a'))))")"
echo '{broken' > "$TEST_TMP/bad.state"
"$PLUA" --header "state:$TEST_TMP/bad.state" "$SCRIPT"
echo "exit $?"
