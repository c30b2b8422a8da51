-- require's "not found" message is lua5.4's: the bundled-module searcher
-- adds no line of its own.
local ok, err = pcall(require, "no_such_module_anywhere")
print(ok)
print((err:gsub("\n.*", "")))
print(err:find("bundled", 1, true) == nil)
print(err:find("\n\tno field package.preload['no_such_module_anywhere']\n\tno file", 1, true) ~= nil)
