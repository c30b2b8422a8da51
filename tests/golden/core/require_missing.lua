-- require's "not found" list names every place looked, bundled modules first.
local ok, err = pcall(require, "no_such_module_anywhere")
print(ok)
print((err:gsub("\n.*", "")))
print(err:find("no bundled module 'no_such_module_anywhere'", 1, true) ~= nil)
