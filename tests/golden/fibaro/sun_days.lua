--%%name:Sun
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%time:2026-03-20 23:59:59
--%%latitude:59.33
--%%longitude:18.07
-- Device 1's sunriseHour/sunsetHour follow the emulated day: read after
-- midnight they are the next day's, announced as property changes.
function QuickApp:onInit()
  io.write(os.date("%Y-%m-%d"), " ", fibaro.getValue(1, "sunriseHour"), " ", fibaro.getValue(1, "sunsetHour"), "\n")
  fibaro.setTimeout(1500, function()
    io.write(os.date("%Y-%m-%d"), " ", fibaro.getValue(1, "sunriseHour"), " ", fibaro.getValue(1, "sunsetHour"), "\n")
    for _, e in ipairs(api.get("/refreshStates").events) do
      if e.data.id == 1 then io.write(e.type, " ", e.data.property, " ", e.data.oldValue, " -> ", e.data.newValue, "\n") end
    end
  end)
end
