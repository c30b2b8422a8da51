# The HC3 tools against the fake HC3: uploadQA -> downloadQA gives the
# same files and headers, updateFile changes one file, updateQA the rest,
# list. No output ever holds the password or the PIN.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
cd "$TEST_TMP/work" || exit 1
mkdir src && cp "$OLDPWD/lib/tool_qa.lua" "$OLDPWD/lib/tool_lib.lua" src/
run() { "$PLUA" "$@" >>"$TEST_TMP/all" 2>&1; local code=$?; tail -n +$((LINES_SEEN + 1)) "$TEST_TMP/all" | hc3_mask; LINES_SEEN=$(wc -l <"$TEST_TMP/all"); echo "exit $code"; }
LINES_SEEN=0
run -t uploadQA src/tool_qa.lua
cat src/.project
run -t downloadQA 1000 dl
ls -A dl
cat dl/.project
echo "--- the downloaded main file:"
cat dl/Tool_QA_1000.lua
echo "--- the other file is the same: $(cmp src/tool_lib.lua dl/Tool_QA_1000_lib.lua && echo yes)"
echo "--- same headers (pack of both):"
run -t pack src/tool_qa.lua a.fqa
run -t pack dl/Tool_QA_1000.lua b.fqa
python3 "$TOOLS_DIR/fqa_compare.py" a.fqa b.fqa
echo "--- updateFile changes one file:"
echo 'function greet(text) return "[" .. text .. "]" end' >>dl/Tool_QA_1000_lib.lua
before=$(fake_log | wc -l)
run -t updateFile dl/Tool_QA_1000_lib.lua
fake_log | tail -n +$((before + 1))
curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/quickApp/1000/files/lib" | python3 -c 'import json,sys; print(json.load(sys.stdin)["content"], end="")'
echo "--- updateQA:"
sed -i 's/^--%%var:count=42/--%%var:count=43/; s/^--%%interfaces:.*/--%%interfaces:{"energy","battery"}/' dl/Tool_QA_1000.lua
run -t updateQA dl/Tool_QA_1000.lua
curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/devices/1000" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["interfaces"], [v for v in d["properties"]["quickAppVariables"] if v["name"]=="count"])'
sed -i 's/^--%%var:count=43/--%%var:count=44/' dl/Tool_QA_1000.lua
run -t updateQA dl/Tool_QA_1000.lua nq
curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/devices/1000" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([v for v in d["properties"]["quickAppVariables"] if v["name"]=="count"])'
fake_log | grep interfaces
run -t uploadQA a.fqa
run -t list quickapps
run -t list devices
run -t help
echo "--- errors:"
run -t updateFile src/nosuch.lua
run -t downloadQA 4711 dl2
run -t nosuchtool
run -t pack
check_no_secret "$TEST_TMP/all"
