--%%name:HomeDistance
--%%type:com.fibaro.multilevelSensor
--%%time:2026-11-23 12:00:00
--%%latitude:59.3293
--%%longitude:18.0686
-- Reads the home location and the controller's settings at start-up and
-- computes how far some places are from home (haversine), the way
-- presence QuickApps do for phones reporting GPS positions.
local R = 6371.0 -- km

local function haversine(lat1, lon1, lat2, lon2)
  local rad = math.pi / 180
  local dlat, dlon = (lat2 - lat1) * rad, (lon2 - lon1) * rad
  local a = math.sin(dlat / 2) ^ 2 + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin(dlon / 2) ^ 2
  return 2 * R * math.atan(math.sqrt(a), math.sqrt(1 - a))
end

function QuickApp:onInit()
  local info = api.get("/settings/info")
  self:debug("controller", info.platform, "serial", info.serialNumber, "fw", type(info.softVersion))
  local loc = api.get("/settings/location")
  self:debug("settings/location", loc.latitude, loc.longitude)
  local home
  for _, p in ipairs(api.get("/panels/location") or {}) do
    if p.home then home = p end
  end
  self:debug("home panel", home.name, home.latitude, home.longitude, "radius", home.radius)
  local places = {
    { "Gothenburg", 57.7089, 11.9746 },
    { "Uppsala", 59.8586, 17.6389 },
    { "Next door", home.latitude + 0.0009, home.longitude },
  }
  local nearest
  for _, pl in ipairs(places) do
    local km = haversine(home.latitude, home.longitude, pl[2], pl[3])
    local atHome = km * 1000 <= home.radius
    self:debug(string.format("%-10s %7.1f km  %s", pl[1], km, atHome and "at home" or "away"))
    if not nearest or km < nearest.km then nearest = { name = pl[1], km = km } end
  end
  self:updateProperty("value", math.floor(nearest.km * 1000 + 0.5))
  self:updateProperty("unit", "m")
  self:debug("nearest", nearest.name, fibaro.getValue(self.id, "value"), fibaro.getValue(self.id, "unit"))
  local sunrise, sunset = fibaro.getValue(1, "sunriseHour"), fibaro.getValue(1, "sunsetHour")
  self:debug("sun", sunrise, sunset)
end
