# root reads everything: run as nobody, with a copy of plua it can reach.
chmod 755 "$TEST_TMP"
cp "$PLUA" "$TEST_TMP/plua"
cp "$SCRIPT" "$TEST_TMP/ok.lua"
cp "$SCRIPT" "$TEST_TMP/secret.lua"
chmod 644 "$TEST_TMP/ok.lua"
chmod 000 "$TEST_TMP/secret.lua"
mkdir "$TEST_TMP/locked" && cp "$SCRIPT" "$TEST_TMP/locked/inner.lua" && chmod 700 "$TEST_TMP/locked"
cd "$TEST_TMP" || exit 1
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody ./plua ok.lua; echo "ok: exit $?"
as_nobody ./plua secret.lua; echo "secret: exit $?"
as_nobody ./plua locked/inner.lua; echo "locked: exit $?"
as_nobody env LUA_INIT=@secret.lua ./plua ok.lua; echo "LUA_INIT: exit $?"
as_nobody ./plua -e 'print(loadfile("secret.lua"))'; echo "loadfile: exit $?"
