# pack then unpack is the identity on what the HC3 uses: unpack(pack(x))
# writes the same headers and files again, pack(unpack(pack(x))) is the
# same document; a packed .fqa runs as the main QuickApp. No HC3 needed.
export PLUA_TIME="2026-11-23 23:21:51"
cd "$TEST_TMP" || exit 1
cp "$OLDPWD/lib/tool_qa.lua" "$OLDPWD/lib/tool_lib.lua" .
"$PLUA" -t pack tool_qa.lua a.fqa
echo "exit $?"
python3 -c 'import json; d=json.load(open("a.fqa")); p=d["initialProperties"]
print(d["name"], d["type"], d["initialInterfaces"], [f["name"] for f in d["files"]])
print(json.dumps(p["quickAppVariables"], sort_keys=True))
print(json.dumps(p["uiCallbacks"], sort_keys=True))
print([[c["name"] + ":" + c["type"] for c in r["components"]] for r in p["uiView"]])
print(len(p["viewLayout"]["$jason"]["body"]["sections"]["items"]), "layout rows")'
"$PLUA" -t unpack a.fqa one
echo "exit $?"
"$PLUA" -t pack one/Tool_QA.lua b.fqa
"$PLUA" -t unpack b.fqa two
python3 "$TOOLS_DIR/fqa_compare.py" a.fqa b.fqa
diff -r one two && echo "unpack(pack(unpack(a))) == unpack(a)"
cmp tool_lib.lua one/Tool_QA_lib.lua && echo "the other file is the same"
cat one/Tool_QA.lua
echo "--- running the .fqa:"
clock() { sed -E 's/\]\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]\[/][hh:mm:ss][/'; }
"$PLUA" a.fqa | clock
echo "exit $?"
"$PLUA" --fibaro one/Tool_QA.lua | clock
echo "exit $?"
echo "--- --%%save: packed as the QuickApp starts, the same document as -t pack:"
"$PLUA" --header "save:saved.fqa" tool_qa.lua 2>&1 | clock | grep -i saved
python3 "$TOOLS_DIR/fqa_compare.py" a.fqa saved.fqa
"$PLUA" --header "save:nodir/x.fqa" tool_qa.lua 2>&1 | clock | grep -i "not written"
echo "--- a main file with CRLF line ends keeps them:"
mkdir crlf && sed 's/$/\r/' tool_qa.lua >crlf/tool_qa.lua && cp tool_lib.lua crlf/
(cd crlf && "$PLUA" -t pack tool_qa.lua ../c.fqa)
"$PLUA" -t unpack c.fqa three
python3 -c 'import sys; b=open("three/Tool_QA.lua","rb").read(); n=b.count(b"\n")
print(n, "lines,", b.count(b"\r\n"), "end in CRLF")'
"$PLUA" -t pack three/Tool_QA.lua d.fqa
python3 "$TOOLS_DIR/fqa_compare.py" c.fqa d.fqa
echo "--- bad input:"
echo '{"name":"x"}' >bad.fqa
"$PLUA" -t unpack bad.fqa out 2>&1
"$PLUA" -t unpack nosuch.fqa 2>&1
printf -- '--%%%%name:Bad\n--%%%%type:com.fibaro.toaster\n' >bad.lua
"$PLUA" -t pack bad.lua 2>&1
printf -- '--%%%%name:Bad\n--%%%%var:x={\n' >bad2.lua
"$PLUA" -t pack bad2.lua 2>&1
printf -- '--%%%%name:Bad\n--%%%%file:missing.lua,lib\n' >bad3.lua
"$PLUA" -t pack bad3.lua 2>&1
echo "exit $?"
