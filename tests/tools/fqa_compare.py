#!/usr/bin/env python3
"""fqa_compare.py A.fqa B.fqa: are two .fqa documents the same on what the
HC3 uses? name, type, initialInterfaces, initialProperties and every file
must be equal, except that the main files may differ in --%% header lines
(comments to the HC3). Prints what differs, or "same"; exit 1 if differ."""
import json
import re
import sys


def code_of(content):
    return [line for line in content.splitlines() if not re.match(r"^\s*--%%", line) and line.strip() != ""]


def main():
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
    diffs = []
    for key in ("name", "type", "apiVersion", "initialInterfaces", "initialProperties"):
        if a.get(key) != b.get(key):
            diffs.append(f"{key}: {json.dumps(a.get(key), sort_keys=True)} != {json.dumps(b.get(key), sort_keys=True)}")
    fa = {f["name"]: f for f in a["files"]}
    fb = {f["name"]: f for f in b["files"]}
    if sorted(fa) != sorted(fb):
        diffs.append(f"files: {sorted(fa)} != {sorted(fb)}")
    for name in set(fa) & set(fb):
        x, y = fa[name], fb[name]
        same = code_of(x["content"]) == code_of(y["content"]) if x.get("isMain") else x == y
        if not same or x.get("isMain") != y.get("isMain"):
            diffs.append(f"file {name} differs")
    print("\n".join(diffs) if diffs else "same")
    sys.exit(1 if diffs else 0)


main()
