-- /quickApp: a QuickApp's files (the main file and the `file` headers'
-- files, as the box keeps them) and its export as an .fqa document.
local model = require("plua.fibaro.model")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request, number_of = router.route, router.not_found, router.bad_request, router.number_of

local function files_of(id)
  local n = number_of(id)
  return n and model.devices[n] and model.files[n], n
end

local function find(files, name)
  for i, f in ipairs(files) do
    if f.name == name then return f, i end
  end
  return nil
end

local function listed(f) return { name = f.name, type = f.type, isMain = f.isMain, isOpen = f.isOpen } end

route("GET", "/quickApp/(%d+)/files", function(c)
  local files = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local list = {}
  for i, f in ipairs(files) do list[i] = listed(f) end
  return list, 200
end)

route("GET", "/quickApp/(%d+)/files/([^/]+)", function(c)
  local files = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local f = find(files, c[2])
  if not f then return not_found("File") end
  return model.copy(f), 200
end)

local function file_error(data)
  if data.content ~= nil and type(data.content) ~= "string" then return "content must be a string" end
  if data.isMain ~= nil and type(data.isMain) ~= "boolean" then return "isMain must be a boolean" end
  return nil
end

-- The stored text changes; the running code does not until a restart, as
-- on the box (plua runs the files from disk).
route("PUT", "/quickApp/(%d+)/files/([^/]+)", function(c, data)
  local files = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local f = find(files, c[2])
  if not f then return not_found("File") end
  local err = file_error(data)
  if err then return bad_request(err) end
  f.content = data.content or f.content
  return nil, 200
end)

route("POST", "/quickApp/(%d+)/files", function(c, data)
  local files = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local err = model.name_error(data.name, "name") or file_error(data)
  if err then return bad_request(err) end
  if find(files, data.name) then return router.conflict("File") end
  local f = { name = data.name, type = "lua", isMain = false, isOpen = false, content = data.content or "" }
  files[#files + 1] = f
  return model.copy(f), 201
end)

route("DELETE", "/quickApp/(%d+)/files/([^/]+)", function(c)
  local files = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local f, i = find(files, c[2])
  if not f then return not_found("File") end
  if f.isMain then return bad_request("the main file cannot be deleted") end
  table.remove(files, i)
  return nil, 200
end)

-- POST /quickApp with an .fqa document: installs and starts it (201, its device).
route("POST", "/quickApp", function(_, data)
  local device, why = require("plua.fibaro.quickapps").install(data)
  if not device then return bad_request(why) end
  return model.copy(device), 201
end)

-- The .fqa document the box exports (and imports).
route("GET", "/quickApp/export/(%d+)", function(c)
  local files, id = files_of(c[1])
  if not files then return not_found("QuickApp") end
  local device = model.devices[id]
  local p = device.properties
  return {
    name = device.name, type = device.type, apiVersion = "1.3",
    initialInterfaces = model.copy(device.interfaces),
    initialProperties = { viewLayout = model.copy(p.viewLayout), uiView = model.copy(p.uiView or {}),
      uiCallbacks = model.copy(p.uiCallbacks), quickAppVariables = model.copy(p.quickAppVariables),
      typeTemplateInitialized = true },
    files = model.copy(files),
  }, 200
end)

return true
