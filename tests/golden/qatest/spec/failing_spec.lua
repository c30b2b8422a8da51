-- The helper when a test fails or misuses it: busted reports each failure
-- with the spec's line, and the next test still starts from a clean controller.
local qt = require("plua.fibaro.test")

describe("failures", function()
  after_each(qt.reset)

  it("reports a wrong expectation", function()
    local app = qt.install("lib/weather.lua")
    -- no answer was set up: the QuickApp's error callback says so
    assert.truthy(app:logged("no answer for GET https://api.weather.example/v1/now?city=Stockholm", "error"))
    assert.are.equal(99, app:property("value"))
  end)

  it("starts clean", function()
    assert.are.equal(0, #qt.http.requests)
    local app = qt.install("lib/weather.lua", { id = 77 })
    assert.are.equal(77, app.id)
    assert.are.equal(1, #qt.http.requests)
  end)

  it("names a missing file", function()
    qt.install("lib/missing.lua")
  end)

  it("rejects a bad advance", function()
    qt.advance(-1)
  end)
end)
