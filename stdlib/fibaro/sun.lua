-- Sunrise and sunset ("HH:MM", local time) for a date and a place: the
-- almanac algorithm (zenith 90.833°, accurate to a minute or two), which is
-- what the HC3 shows as sunriseHour/sunsetHour of device 1.
local M = {}

local rad, deg = math.pi / 180, 180 / math.pi
local function sin(d) return math.sin(d * rad) end
local function cos(d) return math.cos(d * rad) end

-- Hours UTC of the event, or nil if the sun does not rise/set that day.
local function event_utc(day_of_year, latitude, longitude, rising)
  local lng_hour = longitude / 15
  local t = day_of_year + ((rising and 6 or 18) - lng_hour) / 24
  local mean_anomaly = 0.9856 * t - 3.289
  local true_long = (mean_anomaly + 1.916 * sin(mean_anomaly) + 0.020 * sin(2 * mean_anomaly) + 282.634) % 360
  local ra = (math.atan(0.91764 * math.tan(true_long * rad)) * deg) % 360
  ra = (ra + math.floor(true_long / 90) * 90 - math.floor(ra / 90) * 90) / 15
  local sin_dec = 0.39782 * sin(true_long)
  local cos_dec = math.cos(math.asin(sin_dec))
  local cos_h = (cos(90.833) - sin_dec * sin(latitude)) / (cos_dec * cos(latitude))
  if cos_h > 1 or cos_h < -1 then return nil end
  local h = math.acos(cos_h) * deg
  if rising then h = 360 - h end
  local local_mean = h / 15 + ra - 0.06571 * t - 6.622
  return (local_mean - lng_hour) % 24
end

local function format(hours, utc_offset)
  if not hours then return "00:00" end
  local minutes = math.floor(((hours + utc_offset) % 24) * 60 + 0.5) % (24 * 60)
  return ("%02d:%02d"):format(minutes // 60, minutes % 60)
end

-- sunrise, sunset for the day of epoch seconds `t` (local time zone).
function M.times(t, latitude, longitude)
  local here, utc = os.date("*t", t), os.date("!*t", t)
  utc.isdst = here.isdst
  local utc_offset = os.difftime(os.time(here), os.time(utc)) / 3600
  return format(event_utc(here.yday, latitude, longitude, true), utc_offset),
    format(event_utc(here.yday, latitude, longitude, false), utc_offset)
end

return M
