# Header values that are Lua expressions over env.NAME (the environment,
# then ./.env, then ~/.env) and config.NAME (./.plua/config.lua, else
# ~/.plua/config.lua), PLua's legacy header forms, and its keys that need
# a real HC3 or a GUI (accepted, with a note that names only the key: a
# secret in a value is never printed).
cd "$TEST_TMP" || exit 1
mkdir -p home/.plua .plua
printf 'API_KEY=from-dotenv\nexport QUOTED="a b"\n# a comment\n' > .env
printf 'HOME_ONLY=from-home-dotenv\nSHADOWED=home\n' > home/.env
printf 'return { user = "ann", port = 8080 }\n' > .plua/config.lua
printf 'return { user = "not-me" }\n' > home/.plua/config.lua
cat > qa.lua <<'LUA'
--%%name:Secrets
--%%time:2026-11-23 12:00:00
--%%var:apiKey=env.API_KEY
--%%var:quoted=env.QUOTED
--%%var:fromHome=env.HOME_ONLY
--%%var:fromShell=env.SHELL_ONLY
--%%var:missing=env.NOT_SET or "default"
--%%var:login=config.user .. "@" .. config.port
--%%var=legacy:"PLua's name:value form"
--%%debug=api:false,onAction:false
--%%pwd:hunter2-secret
--%%url:http://192.168.1.57/
--%%breakOnInit:true
function QuickApp:onInit()
  for _, v in ipairs(self.properties.quickAppVariables) do print(v.name, v.value) end
end
LUA
HOME="$TEST_TMP/home" SHELL_ONLY=from-environment API_KEY_UNUSED=x "$PLUA" qa.lua 2>&1
echo "--- a config file that fails"
printf 'return 42\n' > .plua/config.lua
HOME="$TEST_TMP/home" "$PLUA" qa.lua 2>&1
echo "exit $?"
echo "--- a bad debug flag list"
printf -- '--%%%%name:X\n--%%%%debug=api:yes\nfunction QuickApp:onInit() end\n' > bad.lua
"$PLUA" bad.lua 2>&1
echo "exit $?"
