# A 100 MB script (one long comment and a print) loads and runs.
{ printf -- '--'; head -c 100000000 /dev/zero | tr '\0' 'x'; printf '\nprint("100 MB script ran")\n'; } > "$TEST_TMP/huge.lua"
"$PLUA" "$TEST_TMP/huge.lua"; echo "exit $?"
# Invalid UTF-8 in an error message passes through byte for byte.
printf 'error("bad \\255\\254 bytes")\n' > "$TEST_TMP/utf8.lua"
(cd "$TEST_TMP" && "$PLUA" utf8.lua 2>&1 | head -1 | od -An -c | tr -s " " | sed "s/^ //")
# A script that is only a shebang line, and CRLF line endings.
printf '#!/usr/bin/env plua' > "$TEST_TMP/only_shebang.lua"
"$PLUA" "$TEST_TMP/only_shebang.lua"; echo "exit $?"
printf 'print("crlf ok")\r\nprint(debug.getinfo(1, "l").currentline)\r\n' > "$TEST_TMP/crlf.lua"
"$PLUA" "$TEST_TMP/crlf.lua"
