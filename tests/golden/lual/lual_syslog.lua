-- lual.syslog: RFC 3164 datagrams over UDP to a listener the test starts
-- on loopback (lual_syslog.cmd), sync and async; bad settings are errors.
local port = tonumber(arg[1])
local lual = require("lual")
lual.config({ level = lual.debug, pipelines = { {
  outputs = { { lual.syslog, host = "127.0.0.1", port = port, facility = "local0", tag = "plua-test",
    hostname = "testhost" } },
  presenter = lual.text(),
} } })
local log = lual.logger("app.db")
log:debug("debug %d", 1)
log:info("info")
log:warn("warning")
log:error("error")
log:critical("critical")
lual.config({ level = lual.info, async = { enabled = true }, pipelines = { {
  outputs = { { lual.syslog, host = "127.0.0.1", port = port, facility = "daemon", tag = "async", hostname = "h2" } },
  presenter = lual.text(),
} } })
lual.logger("svc"):info("from the async queue")
lual.flush()
print(pcall(lual.config, { pipelines = { { outputs = { { lual.syslog, facility = "nope" } }, presenter = lual.text() } } }))
print(pcall(lual.config, { pipelines = { { outputs = { { lual.syslog, host = "no-such-host.invalid", port = 514 } },
  presenter = lual.text() } } }))
