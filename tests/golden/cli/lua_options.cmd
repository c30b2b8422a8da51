# lua5.4's options behave as lua5.4's, side by side (tests/tools/compare_lua.sh).
c() { bash "$TOOLS_DIR/compare_lua.sh" "$@"; }
cd "$TEST_TMP" || exit 1
printf 'print("mod loaded", ...); return {x = 15}\n' > mod.lua
printf 'print(...)\n' > args.lua
printf 'print(package.path, package.cpath)\n' > paths.lua
export LUA_PATH="?.lua;;"
c -e "io.write('x\n')"
c -e "require'mod'"
c -l mod -e "print(mod.x)"
c -l m=mod -e "print(m.x, mod)"
c -lm=mod -e "print(m.x)"
c -e "print(1)" -ea=3 -e "print(a)"
c "-e " -- args.lua a b c
c -e "arg[1] = 100" args.lua 1 2
echo 'print(...)' | c -e "arg = 1" -
c -W -e 'warn("@on")' -e 'warn("hello")'
c -e 'warn("not shown")'
LUA_INIT='print("init")' LUA_PATH=xxx c -E paths.lua
LUA_INIT='print("init")' c -e 'print("e")' args.lua s
LUA_INIT_5_4='print("5_4 first")' LUA_INIT='print("not me")' c args.lua
LUA_INIT='print("init runs")' c -e 'print("e runs")' no_such_script.lua
c -e 'print("before")' -e 'syntax error here'
c -e 'error("boom")'
c --stderr-lines 1 --bad-command-line -vv
c --stderr-lines 1 --bad-command-line -iv
c --stderr-lines 1 --bad-command-line -Ex
c --stderr-lines 1 --bad-command-line ---
c --stderr-lines 1 --bad-command-line -e
c --stderr-lines 1 --bad-command-line -l
c --stderr-lines 1 --bad-command-line -x
echo 'print("stdin", ...)' | c - a b
echo 'print("stdin", ...)' | c -- args.lua -x
exit 0
