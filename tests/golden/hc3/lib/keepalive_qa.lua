--%%name:KeepAliveQA
--%%type:com.fibaro.binarySwitch
-- Many HC3 requests one after another on kept-alive connections, with the
-- API server on: each answer must reach the QuickApp as soon as it is read
-- (it once waited for libcurl's next 1 s timer).
local N = 1000
function QuickApp:onInit()
  local same = 0
  for _ = 1, N do
    if fibaro.getValue(46, "value") == false then same = same + 1 end
  end
  self:debug("api answers", same)
  local base, auth = self:getVariable("base"), self:getVariable("auth")
  local http, got = net.HTTPClient(), 0
  local function next_request()
    http:request(base .. "/api/settings/info", {
      options = { method = "GET", headers = { Authorization = auth } },
      success = function(r)
        if r.status == 200 then got = got + 1 end
        if got < N then next_request() else self:debug("HTTPClient answers", got) end
      end,
      error = function(err) self:debug("error", err) end,
    })
  end
  next_request()
end
