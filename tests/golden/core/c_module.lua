local testmod = require("testmod")
print(testmod.add(40, 2), testmod.version())
