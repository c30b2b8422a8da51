-- Parse errors give line, column and byte (1-based) and say what was read
-- and what was expected.
local json = require("json")
local texts = {
  '{\n  "a": 1,\n  "b": tru\n}',
  '[1,\n2,\n]',
  '{"a" 1}',
  '{"a":1 "b":2}',
  '{1:2}',
  '[1] x',
  '"abc',
  '"a\tb"',
  '"\\q"',
  "",
  "   ",
  "\xEF\xBB\xBF[1]",
}
for _, text in ipairs(texts) do
  local ok, v = pcall(json.decode, text)
  print(ok and json.encode(v) or v)
end
print(pcall(json.decode, {}))
