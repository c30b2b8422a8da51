-- SUSPEND while the script runs pauses it where it is; DONE lets it go on
-- without the debugger; --nodebugger after --debugger turns it off.
local spins = 0
local function spin()
  for _ = 1, 1000 do spins = spins + 1 end
end
local stop = false
setInterval(function()
  spin()
  if spins == 1000 then print("spinning") end
  if stop then os.exit(0) end
end, 1)
setTimeout(function() stop = true end, 200)
