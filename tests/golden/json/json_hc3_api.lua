-- The HC3 json API: encodeFast (keys in table order), encodeFormated
-- (pretty, two-space indent, keys sorted), initArray (an array even when
-- empty or with holes).
local json = require("json")
local t = { name = "lamp", props = { value = true, level = 50 }, list = { 1, 2, { a = json.null } }, empty = {} }
print(json.encodeFormated(t))
print(json.encodeFormated({}), json.encodeFormated(1.5), json.encodeFormated("s"))
local fast = json.encodeFast(t)
print(#fast == #json.encode(t), json.encode(json.decode(fast)) == json.encode(t))
local arr = json.initArray({})
print(arr == arr and json.encode(arr), json.encode({ list = arr }))
arr[1], arr[3] = "a", "c"
print(json.encode(arr))
print(pcall(json.encode, json.initArray({ 1, x = 2 })))
print(pcall(json.encode, json.initArray({ [1] = 1, [100] = 100 })))
print(pcall(json.initArray, 42))
