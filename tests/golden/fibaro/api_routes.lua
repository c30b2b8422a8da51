--%%name:Api
--%%time:2026-11-23 12:00:00
--%%latitude:59.3
--%%longitude:18.05
-- api.get/post/put/delete over the emulated controller: every route, the
-- 404s of missing things and 501 for what the emulation does not have.
local function show(label, data, status)
  print(label, status, type(data) == "table" and json.encode(data) or tostring(data))
end

function QuickApp:onInit()
  local d, status = api.get("/devices/" .. self.id)
  print("device", status, d.id, d.name, d.type, d.baseType, d.parentId, d.roomID, d.enabled, d.visible)
  print("props", d.properties.value, json.encode(d.properties.quickAppVariables))
  d.name = "changed locally"
  print("copy", fibaro.getName(self.id))
  print("list", #api.get("/devices"), select(2, api.get("/devices")))
  print("query name", fibaro.getIds(api.get("/devices?name=Api")))
  print("query interface", fibaro.getIds(api.get("/devices?interface=quickApp")))
  print("query property", fibaro.getIds(api.get("/devices?property=[value,false]")))
  show("missing", api.get("/devices/999"))
  show("put", api.put("/devices/" .. self.id, { name = "Api2", properties = { value = true } }).name)
  print("after put", self.name, fibaro.getValue(self.id, "value"))
  show("action", api.post("/devices/" .. self.id .. "/action/hello", { args = { "a", 2 } }))
  show("action missing", api.post("/devices/999/action/hello", {}))
  show("globals empty", api.get("/globalVariables"))
  local created, created_status = api.post("/globalVariables", { name = "Mode", value = "Home" })
  print("global create", created_status, created.name, created.value, created.modified == os.time())
  show("global again", api.post("/globalVariables", { name = "Mode", value = "Away" }))
  show("global bad", api.post("/globalVariables", { value = "x" }))
  print("global get", api.get("/globalVariables/Mode").value)
  show("global put", api.put("/globalVariables/Mode", { value = "Away" }).value)
  print("global list", #api.get("/globalVariables"))
  show("global delete", api.delete("/globalVariables/Mode"))
  show("global gone", api.get("/globalVariables/Mode"))
  show("event create", api.post("/customEvents", { name = "Ring", userDescription = "door" }))
  show("event list", api.get("/customEvents"))
  show("event get", api.get("/customEvents/Ring"))
  show("event emit", api.post("/customEvents/Ring"))
  show("event missing", api.post("/customEvents/Nope"))
  show("event delete", api.delete("/customEvents/Ring"))
  show("rooms", api.get("/rooms")[1].name)
  print("room", api.get("/rooms/219").name)
  show("room missing", api.get("/rooms/1"))
  show("sections", api.get("/sections"))
  print("section", api.get("/sections/219").name)
  local info = api.get("/settings/info")
  print("info", info.hcName, info.offline)
  show("location", api.get("/settings/location"))
  print("api prefix", api.get("/api/rooms/219").id)
  local states = api.get("/refreshStates?last=0")
  print("refreshStates", states.status, states.last == #states.events, states.timestamp == os.time())
  for _, e in ipairs(states.events) do print("", e.id, e.type, json.encode(e.data)) end
  print("since last", #api.get("/refreshStates?last=" .. states.last).events)
  show("unknown", api.get("/scenes"))
  show("unknown method", api.delete("/rooms"))
  show("bad json", api.post("/globalVariables", "{not json"))
  print(pcall(api.get))
  print(pcall(api.post, "/globalVariables", 42))
  show("delete device", api.delete("/devices/" .. self.id))
  show("deleted", api.get("/devices/" .. self.id))
end

function QuickApp:hello(a, b) print("hello action", a, b) end
