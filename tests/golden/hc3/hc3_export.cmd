# An .fqa as the HC3 exports it (viewLayout only, empty callbacks for the
# events nobody set, "quickApp" among the interfaces): unpacked into
# headers that pack back into the same UI, variables and interfaces; it
# runs as it is and unpacked.
export PLUA_TIME="2026-11-23 23:21:51"
clock() { sed -E 's/\]\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]\[/][hh:mm:ss][/'; }
cp lib/hc3_export.fqa "$TEST_TMP/" && cd "$TEST_TMP" || exit 1
fqa=hc3_export.fqa
"$PLUA" -t unpack "$fqa" blind
echo "exit $?"
cat blind/Blind_Controller.lua
cat blind/Blind_Controller_utils.lua
"$PLUA" -t pack blind/Blind_Controller.lua again.fqa
python3 - "$fqa" again.fqa <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
used = lambda cbs: sorted((c["name"], c["eventType"], c["callback"]) for c in cbs if c["callback"])
pa, pb = a["initialProperties"], b["initialProperties"]
print("callbacks kept:", used(pa["uiCallbacks"]) == used(pb["uiCallbacks"]))
print("variables kept:", pa["quickAppVariables"] == pb["quickAppVariables"])
print("interfaces:", b["initialInterfaces"])
rows = lambda p: [[(c["name"], c["type"], c.get("text"), c.get("min"), c.get("max"), c.get("step"))
                   for r in item["components"] for c in (r.get("components") or [r]) if c.get("name")]
                  for item in p["viewLayout"]["$jason"]["body"]["sections"]["items"]]
print("layout kept:", rows(pa) == rows(pb))
print("files kept:", [(f["name"], f["content"]) for f in a["files"] if not f["isMain"]] ==
      [(f["name"], f["content"]) for f in b["files"] if not f["isMain"]])
PY
"$PLUA" "$fqa" | clock
"$PLUA" blind/Blind_Controller.lua | clock
