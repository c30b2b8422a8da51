local t = {1, 2, [3] = function(...) return ... end}
for i = 1, #t do print(i) end
