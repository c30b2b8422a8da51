-- The records outputs get: lual's fields, the script's call site, and
-- the empty message of logger:info().
local lual = require("lual")

-- A logger whose one output keeps the records it gets.
local function capturing(name)
  local records = {}
  local lg = lual.logger(name, {
    level = lual.debug, propagate = false,
    pipelines = { { outputs = { function(record) records[#records + 1] = record end }, presenter = lual.text() } },
  })
  return lg, records
end

describe("lual records", function()
  before_each(function() lual.reset_config() end)

  it("carry the file and line of the script's call", function()
    local lg, records = capturing("rec.site")
    local line = debug.getinfo(1, "l").currentline + 1
    lg:info("here")
    lg:log(lual.warning, "via log")
    local r = records[1]
    assert.is_string(r.filename)
    assert.truthy(r.filename:find("records_spec.lua", 1, true), r.filename)
    assert.are.equal(line, r.lineno)
    assert.are.equal(line + 1, records[2].lineno)
    assert.truthy(records[2].filename:find("records_spec.lua", 1, true))
  end)

  it("carry the call site of a dot call too", function()
    local lg, records = capturing("rec.dot")
    local line = debug.getinfo(1, "l").currentline + 1
    lg.info("dot %s", "call")
    assert.are.equal("dot call", records[1].formatted_message)
    assert.are.equal(line, records[1].lineno)
  end)

  it("have lual's fields", function()
    local lg, records = capturing("rec.fields")
    lg:info("user %s n %d", "ann", 3)
    local r = records[1]
    assert.are.equal(lual.info, r.level_no)
    assert.are.equal("INFO", r.level_name)
    assert.are.equal("rec.fields", r.logger_name)
    assert.are.equal("rec.fields", r.source_logger_name)
    assert.are.equal("user %s n %d", r.message_fmt)
    assert.are.same(table.pack("ann", 3), r.args)
    assert.is_number(r.timestamp)
    assert.is_nil(r.context)
    assert.are.equal("rec.fields", r.owner_logger_name)
  end)

  it("log '' for logger:info() with no arguments", function()
    local lg, records = capturing("rec.empty")
    lg:info()
    assert.are.equal("", records[1].message_fmt)
    assert.are.equal(0, records[1].args.n)
    assert.matches("INFO %[rec%.empty%] $", records[1].presented_message)
  end)

  it("show a value that is not a string as its tostring", function()
    local lg, records = capturing("rec.num")
    lg:info(12345)
    lg:info(true)
    assert.are.equal("12345", records[1].message_fmt)
    assert.are.equal("true", records[2].message_fmt)
    assert.are.equal(0, records[1].args.n)
  end)

  it("keep the context table", function()
    local lg, records = capturing("rec.ctx")
    local ctx = { user_id = 1 }
    lg:info(ctx, "action %s", "login")
    lg:info({ msg = "only context" })
    assert.are.same(ctx, records[1].context)
    assert.are.equal("action %s", records[1].message_fmt)
    assert.are.same(table.pack("login"), records[1].args)
    assert.are.equal("only context", records[2].formatted_message)
    assert.are.equal("", records[2].message_fmt)
  end)
end)

describe("lual loggers", function()
  before_each(function() lual.reset_config() end)

  it("take dot calls as lual does", function()
    local lg, records = capturing("dot.calls")
    lg.set_level(lual.info)
    assert.are.equal(lual.info, lg.level)
    lg.debug("dropped")
    lg.info("kept %d", 1)
    lg.set_propagate(false)
    assert.is_table(lg.get_config())
    assert.are.equal(lual.info, lg._get_effective_level())
    assert.are.equal(1, #records)
    assert.are.equal("kept 1", records[1].formatted_message)
  end)

  it("take colon calls through the same bound methods", function()
    local lg, records = capturing("colon.calls")
    assert.are.equal(lg.info, lg.info)
    lg:set_level(lual.warning)
    lg:info("dropped")
    lg:warn("kept")
    lg.warn(lg, "kept too")
    assert.are.equal(2, #records)
  end)

  it("have methods for custom levels, by dot and colon", function()
    lual.set_levels({ verbose = 25 })
    local lg, records = capturing("custom.calls")
    lg:verbose("v1")
    lg.verbose("v2")
    assert.are.equal(2, #records)
    assert.are.equal("VERBOSE", records[2].level_name)
    lual.set_levels({})
  end)
end)

describe("lual custom level methods", function()
  before_each(function() lual.reset_config() end)
  after_each(function() lual.set_levels({}) end)

  it("are kept per logger until the levels change", function()
    lual.set_levels({ verbose = 25 })
    local lg, records = capturing("custom.kept")
    local m = lg.verbose
    assert.are.equal(m, lg.verbose)
    lual.set_levels({ verbose = 26 })
    assert.are_not.equal(m, lg.verbose)
    lg:verbose("now at 26")
    assert.are.equal(26, records[1].level_no)
    lual.set_levels({})
    assert.is_nil(lg.verbose)
  end)
end)
