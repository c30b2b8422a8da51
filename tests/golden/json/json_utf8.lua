-- UTF-8: valid text passes both ways unchanged; invalid bytes are an error
-- naming the byte (encode: the offset in the string; decode: line, column
-- and byte of the text). Overlong forms, UTF-8-encoded surrogates, code
-- points past U+10FFFF and cut-short sequences are all invalid.
local json = require("json")
local text = "é 日本 \u{1F600} \u{10FFFF}"
print(json.encode(text), json.decode(json.encode(text)) == text)
local bad = {
  { "stray continuation", "ab\x80" },
  { "bad lead byte", "\xFF" },
  { "overlong /", "x\xC0\xAF" },
  { "overlong 3-byte", "\xE0\x80\xAF" },
  { "surrogate D800", "\xED\xA0\x80" },
  { "past U+10FFFF", "\xF4\x90\x80\x80" },
  { "cut short", "abc\xE6\x97" },
}
for _, case in ipairs(bad) do
  print(case[1], pcall(json.encode, { key = case[2] }))
  print(case[1], pcall(json.decode, '{"k":\n "' .. case[2] .. '"}'))
end
print("bad key", pcall(json.encode, { ["k\xFF"] = 1 }))
