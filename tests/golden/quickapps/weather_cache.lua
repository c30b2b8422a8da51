--%%name:WeatherCache
--%%type:com.fibaro.temperatureSensor
--%%time:2026-11-23 12:00:00
-- A weather poller: asks a (here unreachable) weather service, caches the
-- last good reading in a global variable and falls back to it when the
-- request fails.
local CACHE = "WeatherCache"
local URL = "http://127.0.0.1:9/data/2.5/weather?q=Stockholm"

function QuickApp:ensureGlobal(name, value)
  local gv, code = api.get("/globalVariables/" .. name)
  if gv == nil then
    self:debug("global", name, "missing:", code)
    local res, code2 = api.post("/globalVariables", { name = name, value = value })
    self:debug("created", res and res.name, code2)
  else
    self:debug("global", name, "exists")
  end
end

function QuickApp:useCache(reason)
  local raw = fibaro.getGlobalVariable(CACHE)
  local ok, data = pcall(json.decode, raw)
  if ok and type(data) == "table" and data.temp then
    self:warning("using cached weather (" .. reason .. ")", data.temp, data.city)
    self:updateProperty("value", data.temp)
  else
    self:error("no weather at all")
  end
end

function QuickApp:poll()
  self.http:request(URL, {
    options = { method = "GET", headers = { Accept = "application/json" }, timeout = 1000 },
    success = function(resp)
      if resp.status == 200 then
        local d = json.decode(resp.data)
        fibaro.setGlobalVariable(CACHE, json.encode({ temp = d.main.temp, city = d.name }))
        self:updateProperty("value", d.main.temp)
      else
        self:useCache("status " .. resp.status)
      end
      self:done()
    end,
    error = function(err)
      self:debug("request failed:", type(err) == "string" and err ~= "")
      self:useCache("offline")
      self:done()
    end,
  })
end

function QuickApp:done()
  self:debug("temperature now", fibaro.getValue(self.id, "value"))
  local gv = api.get("/globalVariables/" .. CACHE)
  self:debug("cache", gv.name, gv.value, gv.readOnly, gv.isEnum)
end

function QuickApp:onInit()
  self:ensureGlobal(CACHE, json.encode({ temp = 3.5, city = "Stockholm" }))
  self:ensureGlobal(CACHE, "ignored")
  print("cached", fibaro.getGlobalVariable(CACHE))
  self.http = net.HTTPClient({ timeout = 1000 })
  self:poll()
end
