-- RefreshStateSubscriber, the HC3's helper for following the controller's
-- events: subscribe(filter, handler) adds a pair (filter(event) -> bool);
-- run() delivers every event emitted from then on, each matching handler
-- as its own task; stop() ends the delivery. On the box it long-polls
-- /refreshStates; offline the events come straight from the model, in
-- the same order and shape ({ id, type, data, created }). Online, the
-- real HC3's events come too: its /refreshStates is long-polled while a
-- subscriber runs (plua.fibaro.online).
local class = require("plua.fibaro.class")
local model = require("plua.fibaro.model")
local tasks = require("plua.fibaro.tasks")
local args = require("plua.args")

local Subscriber = class.new("RefreshStateSubscriber")

local running = {} -- subscriber -> true while it runs

local function deliver_all(event)
  for subscriber in pairs(running) do subscriber:_deliver(event) end
end
model.on_emit[#model.on_emit + 1] = deliver_all

function Subscriber:__init()
  self.subscribers = {}
  self._owner = require("plua.fibaro.environment").calling_quickapp()
end

function Subscriber:subscribe(filter, handler)
  if type(filter) ~= "function" then args.error(1, "subscribe", "filter function expected, got " .. type(filter)) end
  if type(handler) ~= "function" then args.error(2, "subscribe", "handler function expected, got " .. type(handler)) end
  local subscription = { filter = filter, handler = handler }
  self.subscribers[#self.subscribers + 1] = subscription
  return subscription
end

function Subscriber:unsubscribe(subscription)
  for i, s in ipairs(self.subscribers) do
    if s == subscription then
      table.remove(self.subscribers, i)
      return true
    end
  end
  return false
end

function Subscriber:run()
  running[self] = true
  require("plua.fibaro.online").follow_events(function() return next(running) ~= nil end, deliver_all)
end
function Subscriber:stop() running[self] = nil end

-- A restarted QuickApp's subscribers go with its old code.
function Subscriber.stop_all(env)
  for subscriber in pairs(running) do
    if subscriber._owner and subscriber._owner.env == env then running[subscriber] = nil end
  end
end

-- Each handler sees its own copy; a filter that fails is reported as the
-- handler's error would be, in a task of its own.
function Subscriber:_deliver(event)
  for _, s in ipairs(self.subscribers) do
    local copy = model.copy(event)
    tasks.post(function()
      if s.filter(copy) then s.handler(copy) end
    end, "event", s.handler)
  end
end

return Subscriber
