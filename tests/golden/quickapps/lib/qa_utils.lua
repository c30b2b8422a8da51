-- Small helpers shared by QuickApps (loaded as a QuickApp file).
Utils = Utils or {}

function Utils.split(str, sep)
  local out = {}
  for part in string.gmatch(str, "([^" .. sep .. "]+)") do out[#out + 1] = part end
  return out
end

function Utils.trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

Utils.VERSION = "1.2"
