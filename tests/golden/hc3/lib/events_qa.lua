--%%name:EventsQA
--%%type:com.fibaro.binarySwitch
-- RefreshStateSubscriber online: the HC3's events reach the handlers, as
-- do the QuickApp's own.
function QuickApp:onInit()
  local subscriber = RefreshStateSubscriber()
  local seen = 0
  local function done()
    seen = seen + 1
    if seen == 2 then
      subscriber:stop()
      self:debug("stopped")
    end
  end
  subscriber:subscribe(function(e) return e.type == "DevicePropertyUpdatedEvent" and e.data.id == 46 end,
    function(e)
      self:debug("HC3 event", e.type, e.data.id, e.data.property, e.data.newValue)
      done()
    end)
  subscriber:subscribe(function(e) return e.type == "DevicePropertyUpdatedEvent" and e.data.id == self.id end,
    function(e)
      self:debug("own event", e.type, e.data.id, e.data.property, e.data.newValue)
      done()
    end)
  subscriber:run()
  self:updateProperty("value", true)
  self:debug("subscribed")
end
