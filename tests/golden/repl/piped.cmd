# -i with stdin not a terminal reads it line by line as lua5.4 does:
# prompts (_PROMPT, _PROMPT2, __tostring), multi-line chunks, expressions
# print, errors go on; side by side with lua5.4 (tests/tools/compare_lua.sh).
c() { bash "$TOOLS_DIR/compare_lua.sh" --repl "$@"; }
cd "$TEST_TMP" || exit 1
printf 'print("script", ...)\nx = 42\n' > script.lua
printf '(6*2-6) -- ===\na =\n10\nprint(a)\na' | c -e"_PROMPT='' _PROMPT2=''" -i
printf 'a = [[b\nc\nd\ne]]\n=a\n' | c -e"_PROMPT='' _PROMPT2=''" -i
printf ' --\na = 2\n' | c "-e_PROMPT='alo'" -i
printf ' --\na = 2\n' | c -e "local C = 0;_PROMPT=setmetatable({},{__tostring = function () C = C + 1; return C end})" -i
printf 'x = 1 +\n\n2\nprint(x)\nerror("e")\nprint(3)\n' | c -i
echo 10 | c -e "print=nil" -i
echo 'print(x)' | c -i script.lua a b
echo 'print(2)' | c -e 'print(1)' -i
c -i < /dev/null
exit 0
