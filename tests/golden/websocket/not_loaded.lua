-- libwebsockets cannot be loaded (PLUA_LIBWEBSOCKETS names a missing
-- library): connect raises why, at the caller's line; nothing else breaks.
local ws = require("plua.net").WebSocketClient()
ws:addEventListener("error", print)
local ok, err = pcall(function() ws:connect("ws://127.0.0.1:9/") end)
print(ok, err)
print("isOpen", ws:isOpen())
