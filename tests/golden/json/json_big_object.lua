-- An object with more keys than encode keeps on the Lua stack (65,536):
-- the rest are looked up again by key; the text is the same either way.
local json = require("json")
local t = {}
for i = 1, 70000 do t["k" .. i] = i end
t[1.5], t[-3] = "float key", "integer key"
local text = json.encode(t)
local back = json.decode(text)
local same = back["1.5"] == "float key" and back["-3"] == "integer key"
for i = 1, 70000 do same = same and back["k" .. i] == i end
print(#text, text:sub(1, 60), text:sub(-30), same, json.encode(back) == text)
