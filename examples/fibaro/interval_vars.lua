--%%name:Poller
--%%type:com.fibaro.multilevelSensor
--%%var:interval=1
--%%var:rounds=3
-- A sensor that polls on an interval driven by its quickApp variables and
-- stops itself; the process ends when no timer is left.
function QuickApp:onInit()
  local rounds = self:getVariable("rounds")
  local n = 0
  local ref
  ref = setInterval(function()
    n = n + 1
    self:updateProperty("value", n * 10)
    self:debug("round", n, "value", self.properties.value)
    if n >= rounds then
      clearInterval(ref)
      self:setVariable("lastRound", n)
      self:debug("done after", self:getVariable("lastRound"), "rounds")
    end
  end, self:getVariable("interval") * 1000)
end
