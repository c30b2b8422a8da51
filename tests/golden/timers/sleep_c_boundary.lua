-- _PY.sleep where the task cannot yield: a clear error, not a crash.
local ok, err = pcall(table.sort, {3, 1, 2}, function(a, b) _PY.sleep(0.001); return a < b end)
print(ok, err)
local ok2, err2 = pcall(string.gsub, "abc", "%w", function(c) _PY.sleep(0) end)
print(ok2, err2)
-- pcall itself is yieldable in 5.4: sleeping inside it works.
print(pcall(function() _PY.sleep(0.001); return "slept inside pcall" end))
