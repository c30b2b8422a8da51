-- Breakpoints named as IDEs name files: absolute, "@" chunk names,
-- relative to BASEDIR; a pause names the file relative to BASEDIR.
local function f(n)
  return n + 1
end
setTimeout(function() f(1) end, 5)
setTimeout(function() f(2) end, 6)
setTimeout(function() f(3) end, 7)
