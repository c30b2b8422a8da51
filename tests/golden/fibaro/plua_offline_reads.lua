--%%name:Reads
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- Every offline API read PLua 1.3 routes (its GET endpoints), asked of
-- plua's emulation: the status of each, and how many answer 501 (none
-- should: 501 means the emulation lacks what the box has).
local id
local reads = {
  "/customEvents", "/customEvents/E", "/devices", "/devices/ID", "/devices/ID/action/turnOn",
  "/devices/ID/properties/value", "/diagnostics", "/energy/devices", "/globalVariables", "/globalVariables/G",
  "/home", "/icons", "/iosDevices", "/notificationCenter", "/panels/climate", "/panels/climate/1",
  "/panels/family", "/panels/favoriteColors", "/panels/favoriteColors/v2", "/panels/humidity",
  "/panels/location", "/panels/notifications", "/panels/sprinklers", "/plugins/ID/variables",
  "/plugins/ID/variables/V", "/profiles", "/profiles/1", "/proxy?url=http://127.0.0.1:9/",
  "/quickApp/ID/files", "/quickApp/ID/files/main", "/quickApp/export/ID", "/refreshStates", "/rooms",
  "/rooms/219", "/sections", "/sections/219", "/settings", "/settings/info", "/users", "/weather",
}

function QuickApp:onInit()
  id = tostring(self.id)
  self:internalStorageSet("V", 1)
  fibaro.setGlobalVariable("G", "x")
  fibaro.emitCustomEvent("E")
  local counts, n501 = {}, 0
  for _, path in ipairs(reads) do
    path = path:gsub("ID", id)
    local _, status = api.get(path)
    print(status, path)
    counts[status] = (counts[status] or 0) + 1
    if status == 501 then n501 = n501 + 1 end
  end
  print(("%d reads, %d answer 501"):format(#reads, n501))
end

function QuickApp:turnOn() end
