-- /scenes: the list a QuickApp reads. Scenes are a separate engine on the
-- box (Lua or block scenes run by the controller, not by QuickApps): the
-- emulation keeps their records, and running one needs a real HC3.
local model = require("plua.fibaro.model")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request = router.route, router.not_found, router.bad_request
local scenes = {}

route("GET", "/scenes", function() return model.copy(scenes), 200 end)
route("GET", "/scenes/(%d+)", function(c) return router.by_id(scenes, c[1], "Scene") end)

route("POST", "/scenes", function(_, data)
  if model.name_error(data.name, "name") then return bad_request("name expected") end
  local id = 10
  for _, s in ipairs(scenes) do id = math.max(id, s.id + 1) end
  local scene = { id = id, name = data.name, type = data.type or "lua", mode = data.mode or "manual",
    maxRunningInstances = 2, icon = "scene_icon", hidden = false, protectedByPin = false, stopOnAlarm = false,
    restart = true, enabled = true, content = data.content or "", categories = { 1 }, roomId = data.roomId or 219 }
  scenes[#scenes + 1] = scene
  return model.copy(scene), 201
end)

route("DELETE", "/scenes/(%d+)", function(c)
  for i, s in ipairs(scenes) do
    if s.id == router.number_of(c[1]) then
      table.remove(scenes, i)
      return nil, 200
    end
  end
  return not_found("Scene")
end)

for _, verb in ipairs({ "execute", "executeAsync", "kill" }) do
  local function run(c)
    local found = router.by_id(scenes, c[1], "Scene")
    if found.type == "ERROR" then return found, 404 end
    return router.error(501, "NotImplemented", ("scene %d: running a scene needs a real HC3"):format(found.id))
  end
  route("POST", "/scenes/(%d+)/" .. verb, run)
  route("GET", "/scenes/(%d+)/" .. verb, run)
end

return true
