-- Bundled modules win over package.path, with a warning that names the
-- shadowed file; PLUA_BUNDLED=0 gives the user's copy (see .cmd).
local lual = require("lual")
print(lual.user_copy and "user copy" or "bundled lual", type(lual.logger))
