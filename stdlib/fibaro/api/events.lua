-- /refreshStates: the controller's event log since `last`, the long-poll
-- that RefreshStateSubscriber and other tools read.
local model = require("plua.fibaro.model")
local clock = require("plua.fibaro.clock")
local router = require("plua.fibaro.api.router")

router.route("GET", "/refreshStates", function(_, _, query)
  local last = router.number_of(query.last) or 0
  local events = {}
  for _, e in ipairs(model.events) do
    if e.id > last then events[#events + 1] = model.copy(e) end
  end
  return { status = "IDLE", last = model.last_event, events = events, timestamp = math.floor(clock.now()),
    changes = {} }, 200
end)

return true
