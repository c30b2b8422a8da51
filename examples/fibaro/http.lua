--%%name:Weather
--%%var:url="http://127.0.0.1:8080/ok"
-- Calls an HTTP endpoint with net.HTTPClient; the request keeps the
-- process alive until a callback has run. Pass another URL with
--   plua --header 'var:url="https://example.com"' examples/fibaro/http.lua
function QuickApp:onInit()
  local url = self:getVariable("url")
  self:debug("GET", url)
  net.HTTPClient():request(url, {
    options = { method = "GET", timeout = 5000 },
    success = function(response)
      self:debug("status", response.status, "bytes", #response.data)
    end,
    error = function(message)
      self:error("request failed:", message)
    end,
  })
end
