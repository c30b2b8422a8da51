--%%name:ManyDevices
--%%type:com.fibaro.genericDevice
--%%file:until_stopped.lua,stop
-- Enough devices for /api/devices to be some 700 KB: more than a socket
-- takes at once from a slow reader.
function QuickApp:onInit()
  for i = 1, 3000 do
    api.post("/devices", { name = "device " .. i, type = "com.fibaro.binarySwitch",
      properties = { userDescription = string.rep("x", 100) } })
  end
  self:debug("ready")
  self:runUntilStopped()
end
