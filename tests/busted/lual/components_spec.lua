-- lual.console called by hand and in pipelines with stream objects, and
-- the transformer factory lual.noop.
local lual = require("lual")

-- A stream object: what it was given, whether it was flushed.
local function fake_stream()
  local s = { data = "", flushed = 0 }
  function s:write(...)
    for i = 1, select("#", ...) do self.data = self.data .. tostring(select(i, ...)) end
    return self
  end
  function s:flush() self.flushed = self.flushed + 1 end
  return s
end

local function failing_stream()
  return { write = function() error("disk on fire") end, flush = function() end }
end

describe("lual.console", function()
  local real_stdout, real_stderr, out, err

  before_each(function()
    real_stdout, real_stderr = io.stdout, io.stderr
    out, err = fake_stream(), fake_stream()
    io.stdout, io.stderr = out, err
  end)

  after_each(function()
    io.stdout, io.stderr = real_stdout, real_stderr
  end)

  it("writes to io.stdout as it is at the call, then flushes", function()
    lual.console({ message = "hello" }, {})
    lual.console({ message = "again" })
    assert.are.equal("hello\nagain\n", out.data)
    assert.are.equal(2, out.flushed)
  end)

  it("prefers presented_message and takes a plain string", function()
    lual.console({ message = "raw", presented_message = "shown" }, {})
    lual.console("a line", {})
    assert.are.equal("shown\na line\n", out.data)
  end)

  it("writes to the stream given", function()
    local s = fake_stream()
    lual.console({ message = "to s" }, { stream = s })
    assert.are.equal("to s\n", s.data)
    assert.are.equal(1, s.flushed)
    assert.are.equal("", out.data)
  end)

  it("reports a failing stream on io.stderr and goes on", function()
    assert.has_no_error(function() lual.console({ message = "lost" }, { stream = failing_stream() }) end)
    assert.truthy(err.data:find("Error writing to stream:", 1, true))
    assert.truthy(err.data:find("disk on fire", 1, true))
    assert.are.equal("", out.data)
  end)

  it("in a pipeline, writes presented lines to a stream object", function()
    lual.reset_config()
    local s = fake_stream()
    local lg = lual.logger("console.obj", {
      level = lual.debug, propagate = false,
      pipelines = { { outputs = { { lual.console, stream = s } }, presenter = lual.text({ format = "%level% %message%" }) } },
    })
    lg:info("n=%d", 1)
    lg:debug("two")
    assert.are.equal("INFO n=1\nDEBUG two\n", s.data)
    assert.are.equal(2, s.flushed)
  end)

  it("in a pipeline, a failing stream is reported and logging goes on", function()
    lual.reset_config()
    local good = fake_stream()
    local lg = lual.logger("console.bad", {
      level = lual.debug, propagate = false,
      pipelines = { { outputs = { { lual.console, stream = failing_stream() }, { lual.console, stream = good } },
        presenter = lual.text({ format = "%message%" }) } },
    })
    lg:info("still here")
    assert.truthy(err.data:find("Error writing to stream: ", 1, true))
    assert.are.equal("still here\n", good.data)
  end)
end)

describe("lual.noop", function()
  it("is a factory of callable transformers with a schema", function()
    local t = lual.noop()
    assert.is_table(t)
    assert.is_table(t.schema)
    assert.is_function(getmetatable(t).__call)
    assert.are.same({ x = 1 }, lual.noop({ x = 1 }).config)
    assert.are.equal(lual.noop, lual.transformers.noop)
  end)

  it("hands the same record back, whatever it holds", function()
    local t = lual.noop({ some = "option" })
    for _, rec in ipairs({ {}, { context = { k = "v" } }, { level_name = "INFO", message_fmt = "m" } }) do
      assert.are.equal(rec, t(rec))
    end
  end)

  it("works in a pipeline as lual.noop, lual.noop() and { lual.noop, ... }", function()
    lual.reset_config()
    local seen = {}
    local lg = lual.logger("noop.pipe", {
      level = lual.debug, propagate = false,
      pipelines = { {
        outputs = { function(record) seen[#seen + 1] = record.message end },
        presenter = lual.text(),
        transformers = { lual.noop, lual.noop(), { lual.noop, opt = 1 } },
      } },
    })
    lg:info("through %s", "noop")
    assert.are.same({ "through noop" }, { seen[1] and seen[1]:match("through noop") })
  end)
end)
