-- Logger levels set by hand, the root's configured level, cached
-- loggers, auto names and lual.loggers.config's detailed answers.
local lual = require("lual")
local lc = require("lual.loggers.config")

describe("lual loggers", function()
  before_each(function()
    lual.reset_config()
    lual.reset_cache()
  end)

  it("see logger.level = x at once, even after a message", function()
    local seen = 0
    local lg = lual.logger("hand.level", { propagate = false,
      pipelines = { { outputs = { function() seen = seen + 1 end }, presenter = lual.text() } } })
    lual.config({ level = lual.debug })
    lg:debug("inherits debug")
    assert.are.equal(lual.debug, lg:_get_effective_level())
    lg.level = lual.error
    assert.are.equal(lual.error, lg.level)
    assert.are.equal(lual.error, lg:get_effective_level())
    lg:warn("dropped")
    lg:error("kept")
    assert.are.equal(2, seen)
    lg.level = lual.notset
    assert.are.equal(lual.debug, lg:get_effective_level())
  end)

  it("take a root set to NOTSET by hand as its configured level", function()
    lual.config({ level = lual.error })
    local root = lual.logger("_root")
    root.level = lual.notset
    assert.are.equal(lual.error, root:_get_effective_level())
    assert.are.equal(lual.error, lual.logger("child.of.root"):_get_effective_level())
    lual.reset_config()
    assert.are.equal(lual.warning, lual.logger("_root"):_get_effective_level())
  end)

  it("are returned as they are when cached, their new configuration only checked", function()
    local a = lual.logger("cached.one", { level = lual.info })
    local b = lual.logger("cached.one", { level = lual.error, propagate = false })
    assert.are.equal(a, b)
    assert.are.equal(lual.info, b.level)
    assert.is_true(b.propagate)
    assert.has_error(function() lual.logger("cached.one", { bogus = true }) end,
      "Invalid logger configuration: Unknown configuration key 'bogus'")
  end)

  it("are not created by a configuration that fails", function()
    assert.has_error(function() lual.logger("never.made", { level = "loud" }) end)
    local lg = lual.logger("never.made", { level = lual.debug })
    assert.are.equal(lual.debug, lg.level)
  end)

  it("are named after the calling file without a name", function()
    local lg = lual.logger()
    assert.matches("loggers_spec$", lg.name)
    assert.are.equal(lual.notset, lg.level)
  end)
end)

describe("lual.loggers.config detailed answers", function()
  local function detail(cfg)
    local ok, info = lc.validate_logger_config_table(cfg, true)
    assert.is_false(ok)
    return info
  end

  it("name an unknown key", function()
    local info = detail({ invalid_key = 1 })
    assert.are.equal("UNKNOWN_KEY", info.error_code)
    assert.are.equal("invalid_key", info.field)
    assert.are.equal("Unknown configuration key 'invalid_key'", info.message)
    assert.are.equal("UNKNOWN_KEY", detail({ outputs = {} }).error_code)
  end)

  it("name a field of the wrong type", function()
    for field, value in pairs({ level = "not_a_number", propagate = "yes", pipelines = 3 }) do
      local info = detail({ [field] = value })
      assert.are.equal("INVALID_TYPE", info.error_code)
      assert.are.equal(field, info.field)
      assert.are.equal("INVALID_TYPE", info.fields[field][1][1])
      assert.are.equal(info.message, info.fields[field][1][2])
    end
    assert.are.equal("INVALID_TYPE", detail("x").error_code)
  end)

  it("name a field with a bad value", function()
    local info = detail({ level = 999 })
    assert.are.equal("INVALID_VALUE", info.error_code)
    assert.are.equal("level", info.field)
    info = detail({ pipelines = { { outputs = {} } } })
    assert.are.equal("INVALID_VALUE", info.error_code)
    assert.are.equal("pipelines", info.field)
  end)

  it("give the message alone without `detailed`", function()
    assert.are.same({ false, "Unknown configuration key 'x'" }, { lc.validate_logger_config_table({ x = 1 }) })
    assert.is_true(lc.validate_logger_config_table({}))
  end)
end)
