-- \u escapes: a surrogate pair is one code point; a lone surrogate (high
-- without low, or low alone) is a parse error; \u0000 is a NUL byte.
local json = require("json")
print(json.decode('"\\ud83d\\ude00"') == "\u{1F600}", json.decode('"\\u00e9\\u65e5"'))
for _, s in ipairs({ '"\\ud83d"', '"\\ud83dx"', '"\\ud83d\\u0041"', '"\\ude00"', '"\\u12"', '"\\uZZZZ"' }) do
  print(s, pcall(json.decode, s))
end
local nul = json.decode('"a\\u0000b"')
print(#nul, nul:byte(2), json.encode(nul), json.decode(json.encode(nul)) == nul)
print(json.encode("\0\1\31\127"))
