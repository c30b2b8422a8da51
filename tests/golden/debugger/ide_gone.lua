-- The IDE goes away while plua is paused: the script goes on alone.
local n = 0
setInterval(function()
  n = n + 1
  if n == 3 then
    print("three ticks")
    os.exit(0)
  end
end, 5)
print("started")
