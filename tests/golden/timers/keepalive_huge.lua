-- A math.huge timer keeps the process alive (PLua's keep-alive idiom)
-- until it is cleared.
local keep = setTimeout(function() print("never") end, math.huge)
setTimeout(function() print("clearing the keep-alive"); clearTimeout(keep) end, 10)
