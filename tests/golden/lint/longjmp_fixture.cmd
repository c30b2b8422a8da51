# The checker against cases with known answers: a compile database made
# here for the fixture, read with the fixture's folder as the source root.
mkdir -p "$TEST_TMP/app"
cp longjmp_fixture.cpp "$TEST_TMP/app/fixture.cpp"
cat >"$TEST_TMP/compile_commands.json" <<JSON
[{"directory": "$TEST_TMP", "file": "$TEST_TMP/app/fixture.cpp",
  "command": "c++ -std=c++20 -I/usr/include/lua5.4 -c app/fixture.cpp"}]
JSON
/usr/bin/python3 "$TOOLS_DIR/longjmp_check.py" "$TEST_TMP/compile_commands.json" "$TEST_TMP"
