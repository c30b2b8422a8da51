-- /refreshStates: the controller's event log since `last`, the long-poll
-- that RefreshStateSubscriber and other tools read.
local model = require("plua.fibaro.model")
local clock = require("plua.fibaro.clock")
local router = require("plua.fibaro.api.router")

router.route("GET", "/refreshStates", function(_, _, query)
  local last = router.number_of(query.last) or 0
  local events = {}
  for id = math.max(model.first_event, math.floor(last) + 1), model.last_event do
    events[#events + 1] = model.copy(model.events[id])
  end
  return { status = "IDLE", last = model.last_event, events = events, timestamp = math.floor(clock.now()),
    changes = {} }, 200
end)

return true
