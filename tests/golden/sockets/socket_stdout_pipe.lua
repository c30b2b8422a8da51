-- Sockets catch SIGPIPE (a write to a closed connection must fail, not
-- kill), yet `plua script | head -1` still ends when head goes away:
-- socket_stdout_pipe.cmd checks the exit status is SIGPIPE's (141).
local net = require("plua.net")
local udp = net.UDPSocket()
local line = string.rep("x", 1000)
setInterval(function() print(line) end, 1)
udp:close()
