--%%name:Restart
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- plugin.restart: timers end, the files run again (as /quickApp/{id}/files
-- holds them, so an edited file takes effect), onInit runs on a new
-- object; devices, variables and storage stay.
print("main file runs")

function QuickApp:onInit()
  local n = (self:internalStorageGet("starts") or 0) + 1
  self:internalStorageSet("starts", n)
  print("onInit", n, "children", #api.get("/devices?parentId=" .. self.id))
  if n == 1 then
    self:createChildDevice({ name = "Kid", type = "com.fibaro.binarySwitch" })
    setInterval(function() print("never: the interval ends with the restart") end, 30)
    setTimeout(function() print("never: cancelled by the restart") end, 50)
    setTimeout(function() plugin.restart() end, 12)
  elseif n == 2 then
    local main = api.get("/quickApp/" .. self.id .. "/files/main")
    main.content = main.content .. "\nfunction QuickApp:extra() print('edited file runs') end\n"
    api.put("/quickApp/" .. self.id .. "/files/main", main)
    setTimeout(function() api.post("/plugins/restart", { deviceId = self.id }) end, 5)
  else
    self:extra()
    print("restart bad id", pcall(plugin.restart, 4242))
    print("restart api missing", select(2, api.post("/plugins/restart", { deviceId = 4242 })))
  end
end
