-- The module names lual's programs and specs require, and lual.levels'
-- validation messages.
local lual = require("lual")
local levels = require("lual.levels")

describe("lual module names", function()
  it("lual.logger and lual.api are lual", function()
    assert.are.equal(lual, require("lual.logger"))
    assert.are.equal(lual, require("lual.api"))
  end)

  it("component modules are the components", function()
    assert.are.equal(lual.text, require("lual.presenters.text"))
    assert.are.equal(lual.color, require("lual.presenters.color"))
    assert.are.equal(lual.json, require("lual.pipelines.presenters.json"))
    assert.are.equal(lual.console, require("lual.pipelines.outputs.console"))
    assert.are.equal(lual.file, require("lual.outputs.file"))
    assert.are.equal(lual.syslog, require("lual.pipelines.outputs.syslog"))
    assert.are.equal(lual.noop, require("lual.pipelines.transformers.noop"))
    assert.are.equal(lual.presenters, require("lual.presenters"))
    assert.are.equal(lual.outputs, require("lual.pipelines.outputs"))
    assert.are.equal(lual.transformers, require("lual.transformers"))
  end)

  it("lual.loggers.config checks a logger configuration as lual.logger does", function()
    local lc = require("lual.loggers.config")
    assert.are.same({ "number", "table", "boolean" }, { lc.VALID_LOGGER_CONFIG_KEYS.level.type,
      lc.VALID_LOGGER_CONFIG_KEYS.pipelines.type, lc.VALID_LOGGER_CONFIG_KEYS.propagate.type })
    assert.is_true(lc.validate_logger_config_table({ level = lual.debug, propagate = false }))
    assert.is_true(lc.validate_logger_config_table({ pipelines = { { outputs = { lual.console } } } }))
    local ok, err = lc.validate_logger_config_table({ bogus = 1 })
    assert.is_false(ok)
    assert.are.equal("Unknown configuration key 'bogus'", err)
    ok, err = lc.validate_logger_config_table({ level = 999 })
    assert.is_false(ok)
    assert.matches("^Invalid level value 999%. Valid levels are: ", err)
    ok, err = lc.validate_logger_config_table({ propagate = "yes" })
    assert.is_false(ok)
    assert.matches("^Invalid type for 'propagate': expected boolean, got string", err)
    ok, err = lc.validate_logger_config_table("x")
    assert.is_false(ok)
    assert.are.equal("Configuration must be a table, got string", err)
    -- what lual.logger says for the same configuration
    local ok2, err2 = pcall(lual.logger, "modules.check", { bogus = 1 })
    assert.is_false(ok2)
    assert.are.equal("Invalid logger configuration: Unknown configuration key 'bogus'", err2)
  end)
end)

describe("lual.levels validation messages", function()
  after_each(function() levels.set_custom_levels({}) end)

  it("name the range and the levels around it", function()
    for _, v in ipairs({ 5, 10, 40, 50 }) do
      local ok, err = levels.validate_custom_level_value(v)
      assert.is_false(ok)
      assert.are.equal("Level value must be between 11 and 39 (above DEBUG=10, below ERROR=40)", err)
    end
    assert.are.same({ false, "Level value must be an integer" }, { levels.validate_custom_level_value(25.5) })
    assert.are.same({ false, "Level value must be a number" }, { levels.validate_custom_level_value("25") })
    assert.are.same({ false, "Level value 20 conflicts with a built-in level" },
      { levels.validate_custom_level_value(20) })
    levels.set_custom_levels({ verbose = 25 })
    assert.are.same({ false, "Level value 25 conflicts with an existing custom level" },
      { levels.validate_custom_level_value(25) })
  end)

  it("name the level set_custom_levels and lual.config reject", function()
    local ok, err = pcall(levels.set_custom_levels, { verbose = 5 })
    assert.is_false(ok)
    assert.are.equal("Invalid custom level value for 'verbose': Level value must be between 11 and 39"
      .. " (above DEBUG=10, below ERROR=40)", err)
    ok, err = pcall(lual.config, { custom_levels = { VERBOSE = 25 } })
    assert.is_false(ok)
    assert.are.equal("Invalid configuration: Invalid custom level name 'VERBOSE': Level name must be lowercase", err)
  end)
end)
