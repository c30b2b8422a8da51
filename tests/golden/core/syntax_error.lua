print("must not run")
local x = = 1
