# Credentials: the environment, then ./.env, then ~/.env (PLua's order);
# none of them ever shows in any output (not with the debug trace, not in
# --diagnostic, not in errors).
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
cd "$TEST_TMP/work" || exit 1
out=$TEST_TMP/all
versions() { sed -E 's/[0-9]+\.[0-9]+\.[0-9]+ \(libuv [0-9.]+\) on Lua [0-9.]+/X.Y.Z (libuv X.Y.Z) on Lua X.Y.Z/'; }
step() { echo "--- $1"; shift; "$@" >"$TEST_TMP/one" 2>&1; echo "exit $?"; hc3_mask <"$TEST_TMP/one" | versions; cat "$TEST_TMP/one" >>"$out"; }
step "./.env" "$PLUA" -t list globals
step "--diagnostic" "$PLUA" --diagnostic
mv .env "$HOME/.env"
step "~/.env" "$PLUA" -t list rooms
step "HC3_URL may end in /api/" env HC3_URL="$HC3_BASE/api/" "$PLUA" -t list rooms
step "the environment wins over ~/.env" env HC3_PASSWORD=wrong-one "$PLUA" -t list rooms
echo 'HC3_USER=nobody' >.env
step "./.env wins over ~/.env" "$PLUA" -t list rooms
rm .env
step "-o: offline with credentials" "$PLUA" -o --header debug:true "$OLDPWD/lib/failing_qa.lua"
step "--%%offline:true: offline with credentials" "$PLUA" --header offline:true "$OLDPWD/lib/failing_qa.lua"
step "online, with the debug trace" "$PLUA" --header debug:true "$OLDPWD/lib/failing_qa.lua"
rm "$HOME/.env"
step "no credentials: offline" "$PLUA" --diagnostic
check_no_secret "$out"
