--%%name:SelfCall
--%%type:com.fibaro.binarySwitch
-- Asks its own API (on the port in its variable "port") for its device.
function QuickApp:onInit()
  local url = "http://127.0.0.1:" .. self:getVariable("port") .. "/api/devices/" .. self.id
  net.HTTPClient():request(url, {
    options = { method = "GET" },
    success = function(r) self:debug("the API answers", r.status, json.decode(r.data).name) end,
    error = function(e) self:debug("no API:", e) end,
  })
end
