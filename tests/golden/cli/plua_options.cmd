# PLua's command-line options, as VS Code tasks written for PLua pass them:
# accepted (a note where they mean nothing in plua), never exit code 2.
cd "$TEST_TMP" || exit 1
printf -- '--%%%%name:Task\n--%%%%time:2026-11-23 12:00:00\nfunction QuickApp:onInit() self:debug("ran", #arg) end\n' > qa.lua
for options in "-o" "--offline" "--nogreet" "--loglevel debug" "--desktop" "-a a=1" "--args a=1" "--telnet" \
    "--telnet-port 9999" "--init-qa" "--nodebugger" "--no-api" "--fibaro -o --nogreet --no-api"; do
  echo "--- $options"
  # shellcheck disable=SC2086
  PLUA_NO_API=1 "$PLUA" $options qa.lua 2>&1
  echo "exit $?"
done
echo "--- --diagnostic"
HOME=$TEST_TMP env -u HC3_URL -u HC3_USER -u HC3_PASSWORD -u HC3_PIN "$PLUA" --diagnostic | sed -E 's/[0-9]+\.[0-9]+\.[0-9]+/X.Y.Z/g'
echo "exit $?"
echo "--- -t uploadQA qa.lua"
HOME=$TEST_TMP env -u HC3_URL -u HC3_USER -u HC3_PASSWORD -u HC3_PIN "$PLUA" -t uploadQA qa.lua 2>&1
echo "exit $?"
