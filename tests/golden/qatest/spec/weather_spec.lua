-- A busted spec for lib/weather.lua with plua's QuickApp test helper: no
-- network (the weather service is answered from the test) and no waiting
-- (the clock is virtual: hours pass in qt.advance at once).
local qt = require("plua.fibaro.test")
local json = require("json")

describe("the weather QuickApp", function()
  local URL = "https://api.weather.example/v1/now"
  local app

  before_each(function()
    qt.set_time("2026-06-01 06:00:00")
    -- 21, 22, 23, ... degrees: one more for every request
    qt.http.answer("GET", URL, function() return { status = 200, data = json.encode({ temp = 20 + #qt.http.requests }) } end)
    app = qt.install("lib/weather.lua")
  end)
  after_each(qt.reset)

  it("fetches the temperature when it starts", function()
    assert.are.equal(1, #qt.http.requests)
    assert.are.equal(URL .. "?city=Stockholm", qt.http.requests[1].url)
    assert.are.equal("application/json", qt.http.requests[1].headers.Accept)
    assert.are.equal(21, app:property("value"))
    assert.are.equal("Stockholm: 21.0 C at 06:00", app:view("status"))
    assert.truthy(app:logged("temperature 21", "debug"))
  end)

  it("fetches again every hour", function()
    qt.advance(3 * 3600)
    assert.are.equal(4, #qt.http.requests)
    assert.are.equal(24, app:property("value"))
    assert.are.equal("Stockholm: 24.0 C at 09:00", app:view("status"))
  end)

  it("fetches at once when the button is pressed", function()
    qt.advance(600)
    app:press("refresh")
    assert.are.equal(2, #qt.http.requests)
    assert.are.equal("Stockholm: 22.0 C at 06:10", app:view("status"))
  end)

  it("takes its period from the slider", function()
    app:slide("period", 15)
    assert.truthy(app:logged("every 15 minutes"))
    qt.advance(3600)
    assert.are.equal(5, #qt.http.requests)
  end)

  it("uses the city of its variable, set by an action", function()
    app:call("setCity", "Oslo")
    assert.are.equal("Oslo", app:variable("city"))
    app:press("refresh")
    assert.are.equal(URL .. "?city=Oslo", qt.http.requests[2].url)
  end)

  it("shows HTTP errors", function()
    qt.http.answer("GET", URL, { status = 503 })
    app:press("refresh")
    assert.are.equal("error 503", app:view("status"))
    assert.truthy(app:logged("HTTP 503", "warning"))
  end)

  it("logs network errors", function()
    qt.http.answer("GET", URL, { error = "Operation timed out", after = 30 })
    app:press("refresh")
    assert.is_nil(app:logged("fetch failed"))
    qt.advance(30)
    assert.truthy(app:logged("fetch failed: Operation timed out", "error"))
  end)
end)
