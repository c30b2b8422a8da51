-- Presenters called by hand with a record, as lual exposes them:
-- lual.text()(record), lual.color(config)(record), lual.json()(record).
local lual = require("lual")

local ESC = "\27["
local T = 1700000000 -- 2023-11-14 22:13:20 UTC
local STAMP = os.date("!%Y-%m-%d %H:%M:%S", T)

describe("lual.text presenter on a record", function()
  local text = lual.text({ timezone = lual.utc })

  it("formats message_fmt with packed args", function()
    local line = text({ timestamp = T, level_name = "INFO", logger_name = "a.b",
      message_fmt = "user %s from %s", args = table.pack("ann", "10.0.0.1") })
    assert.are.equal(STAMP .. " INFO [a.b] user ann from 10.0.0.1", line)
  end)

  it("formats message_fmt with a plain list, an empty list or no args", function()
    local base = { timestamp = T, level_name = "WARNING", logger_name = "x" }
    base.message_fmt, base.args = "n=%d", { 3 }
    assert.are.equal(STAMP .. " WARNING [x] n=3", text(base))
    base.message_fmt, base.args = "plain", {}
    assert.are.equal(STAMP .. " WARNING [x] plain", text(base))
    base.args = nil
    assert.are.equal(STAMP .. " WARNING [x] plain", text(base))
  end)

  it("prefers an already formatted message", function()
    local line = text({ timestamp = T, level_name = "ERROR", logger_name = "x",
      message = "done", message_fmt = "ignored %s", args = { "y" } })
    assert.are.equal(STAMP .. " ERROR [x] done", line)
  end)

  it("falls back for missing level, logger, message and time", function()
    assert.are.equal(STAMP .. " UNKNOWN_LEVEL [x] m",
      text({ timestamp = T, logger_name = "x", message_fmt = "m" }))
    assert.are.equal(STAMP .. " ERROR [UNKNOWN_LOGGER] m",
      text({ timestamp = T, level_name = "ERROR", message_fmt = "m" }))
    assert.are.equal(STAMP .. " INFO [x] ", text({ timestamp = T, level_name = "INFO", logger_name = "x" }))
    assert.matches("^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d INFO %[x%] now$",
      text({ level_name = "INFO", logger_name = "x", message = "now" }))
  end)

  it("shows a failing format as lual does", function()
    local line = text({ timestamp = T, level_name = "INFO", logger_name = "x",
      message_fmt = "bad %d", args = { "nan" } })
    assert.matches("bad %%d %[FORMAT ERROR: ", line)
  end)

  it("takes the timezone in any case and rejects others", function()
    for _, tz in ipairs({ "utc", "UTC", "Utc" }) do
      assert.are.equal(STAMP .. " INFO [x] m",
        lual.text({ timezone = tz })({ timestamp = T, level_name = "INFO", logger_name = "x", message = "m" }))
    end
    for _, tz in ipairs({ "local", "LOCAL", lual.local_time }) do
      assert.are.equal(os.date("%Y-%m-%d %H:%M:%S", T) .. " INFO [x] m",
        lual.text({ timezone = tz })({ timestamp = T, level_name = "INFO", logger_name = "x", message = "m" }))
    end
    assert.has_error(function() lual.text({ timezone = "mars" }) end)
  end)
end)

describe("lual.color presenter on a record", function()
  it("colours time, level and logger name", function()
    local line = lual.color({ timezone = "UTC" })({ timestamp = T, level_name = "INFO",
      logger_name = "a.b", message_fmt = "hi %s", args = { "ann" } })
    assert.are.equal(ESC .. "2m" .. STAMP .. ESC .. "0m " .. ESC .. "32mINFO" .. ESC .. "0m ["
      .. ESC .. "36ma.b" .. ESC .. "0m] hi ann", line)
  end)

  it("shows an unknown level in white and a missing logger as UNKNOWN_LOGGER", function()
    local line = lual.color()({ timestamp = T, message_fmt = "m", args = {} })
    assert.truthy(line:find(ESC .. "37mUNKNOWN_LEVEL" .. ESC .. "0m", 1, true))
    assert.truthy(line:find("UNKNOWN_LOGGER", 1, true))
  end)

  it("uses level_colors when given", function()
    local line = lual.color({ level_colors = { INFO = "bright_red", default = "yellow" } })(
      { timestamp = T, level_name = "INFO", logger_name = "x", message = "m" })
    assert.truthy(line:find(ESC .. "91mINFO" .. ESC .. "0m", 1, true))
  end)
end)

describe("lual.json presenter on a record", function()
  it("writes the record's fields and context", function()
    local line = lual.json()({ timestamp = T, level_name = "INFO", level_no = 20, logger_name = "x",
      message_fmt = "n=%d", args = { 5 }, context = { user = "ann" } })
    assert.are.equal('{"timestamp":"2023-11-14T22:13:20Z","level_name":"INFO","level_no":20,'
      .. '"logger_name":"x","message":"n=5","user":"ann"}', line)
  end)
end)
