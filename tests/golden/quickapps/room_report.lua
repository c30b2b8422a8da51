--%%name:RoomReport
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
-- A room-report QuickApp: creates a room, moves devices into it, and
-- writes a per-room status summary to its own log property, using device
-- queries, property reads and the fibaro name/room helpers.
function QuickApp:onInit()
  local room, code = api.post("/rooms", { name = "Office", sectionID = api.get("/sections")[1].id })
  self:debug("room", code, room.name)
  local lamp = api.post("/devices", { name = "Office lamp", type = "com.fibaro.binarySwitch" })
  local temp = api.post("/devices", { name = "Office temp", type = "com.fibaro.temperatureSensor" })
  for _, d in ipairs({ lamp, temp }) do
    local _, c = api.put("/devices/" .. d.id, { roomID = room.id })
    if c ~= 200 then self:error("move", d.id, c) end
  end
  api.put("/devices/" .. temp.id, { properties = { value = 22.4 } })
  fibaro.call(lamp.id, "turnOn")
  setTimeout(function() self:report(room.id) end, 0)
end

function QuickApp:report(roomId)
  local devs = api.get("/devices?roomID=" .. roomId)
  table.sort(devs, function(a, b) return a.id < b.id end)
  local parts = {}
  for _, d in ipairs(devs) do
    local prop = api.get("/devices/" .. d.id .. "/properties/value")
    parts[#parts + 1] = string.format("%s=%s", fibaro.getName(d.id), tostring(prop.value))
    self:debug(d.id, fibaro.getType(d.id), fibaro.getRoomNameByDeviceID(d.id), fibaro.getRoomID(d.id) == roomId)
  end
  local summary = table.concat(parts, ", ")
  self:updateProperty("log", summary)
  self:debug("log property:", fibaro.getValue(self.id, "log"))
  self:debug("my room", fibaro.getRoomNameByDeviceID(self.id), "unknown device room", tostring(fibaro.getRoomNameByDeviceID(99999)))
  self:debug("rooms", #api.get("/rooms"), "by name", fibaro.getRoomName(roomId))
end
