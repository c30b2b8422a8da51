-- plua -t TOOL ARGS...: PLua's HC3 tools (app/cli.cpp only dispatches
-- here). Each talks to the HC3 named by HC3_URL/HC3_USER/HC3_PASSWORD
-- (plua.fibaro.hc3) or works on local files; what it did goes to stdout,
-- a failure to stderr as "plua: -t TOOL: why" with exit code 1. No
-- secret is ever printed (hc3.mask).
local json = require("json")
local hc3 = require("plua.fibaro.hc3")
local fqa = require("plua.fibaro.fqa")

local M = {}

local Failure = {}
local function fail(fmt, ...) error(setmetatable({ message = hc3.mask(fmt:format(...)) }, Failure), 0) end
local function say(fmt, ...) io.stdout:write(hc3.mask(fmt:format(...)), "\n") end

-- One HC3 request that must work: its body, else the tool fails.
local function must(method, path, data, pin)
  local body, status, why = hc3.request(method, path, data, pin)
  if status == 0 or status >= 300 then fail("%s", why) end
  return body, status
end

local function need_hc3()
  if not hc3.configured() then
    fail("no HC3 configured: set HC3_URL, HC3_USER and HC3_PASSWORD (environment, ./.env or ~/.env)")
  end
end


local function read_fqa(path)
  local text, err = fqa.read(path)
  if not text then fail("%s", err) end
  local ok, doc = pcall(json.decode, text)
  if not ok or type(doc) ~= "table" then fail("%s is not an .fqa file: %s", path, ok and "not a JSON object" or doc) end
  return doc
end

local function packed(path)
  local doc, err, paths = fqa.pack(path)
  if not doc then fail("%s", err) end
  return doc, paths
end

local function dir_of(path) return path:match("^(.*)/[^/]*$") or "." end

local tools = {}
local usage = {}

usage.uploadQA = "uploadQA FILE          install FILE (a .lua with --%% headers, or an .fqa) on the HC3"
function tools.uploadQA(file)
  if not file then fail("usage: -t %s", usage.uploadQA) end
  need_hc3()
  local doc, paths
  if file:match("%.fqa$") then doc = read_fqa(file) else doc, paths = packed(file) end
  local device = must("POST", "/quickApp/", doc)
  local id = type(device) == "table" and math.tointeger(device.id)
  if not id then fail("the HC3 answered no QuickApp id for %s", file) end
  say("uploaded %s as QuickApp %d '%s'", file, id, doc.name)
  if paths then
    local local_paths = {}
    for name, p in pairs(paths) do local_paths[name] = p end
    local project = fqa.write_project(dir_of(file), id, local_paths)
    if project then say("wrote %s", project) end
  end
end

usage.downloadQA = "downloadQA ID [DIR]    unpack QuickApp ID from the HC3 into DIR (default .), with a .project"
function tools.downloadQA(id, dir)
  local n = math.tointeger(tonumber(id or ""))
  if not n then fail("usage: -t %s", usage.downloadQA) end
  need_hc3()
  dir = dir or "."
  local doc = must("GET", "/quickApp/export/" .. n)
  local main, paths = fqa.unpack(doc, dir, fqa.file_stem(type(doc) == "table" and doc.name or "", n), n)
  if not main then fail("QuickApp %d: %s", n, paths) end
  local project = fqa.write_project(dir, n, paths)
  say("downloaded QuickApp %d '%s' to %s", n, doc.name, main)
  say("wrote %s", project)
end

usage.updateFile = "updateFile FILE        send one file of a project (see .project) to its QuickApp"
function tools.updateFile(file)
  if not file then fail("usage: -t %s", usage.updateFile) end
  local id, name = fqa.find_project(file)
  if not id then fail("%s", name) end
  need_hc3()
  local content, err = fqa.read(file)
  if not content then fail("%s", err) end
  local record = { name = name, isMain = name == "main", isOpen = false, type = "lua", content = content }
  local _, status = hc3.request("PUT", ("/quickApp/%d/files/%s"):format(id, name), record)
  if status == 404 then
    must("POST", ("/quickApp/%d/files"):format(id), record)
    say("created file '%s' of QuickApp %d from %s", name, id, file)
  elseif status >= 200 and status < 300 then
    say("updated file '%s' of QuickApp %d from %s", name, id, file)
  else
    must("PUT", ("/quickApp/%d/files/%s"):format(id, name), record) -- fails with the HC3's reason
  end
end

usage.updateQA = "updateQA FILE [nq]     update the project's QuickApp: files, UI, interfaces, variables (nq: not the variables)"
function tools.updateQA(file, flags)
  if not file then fail("usage: -t %s", usage.updateQA) end
  local doc = packed(file)
  local config = fqa.parse(file)
  local id, why = config.project and math.tointeger(config.project), nil
  if not id then id, why = fqa.find_project(file) end
  if not id then fail("%s (or give the file a --%%%%project:ID header)", why) end
  need_hc3()
  local device = must("GET", "/devices/" .. id)
  if device.type ~= doc.type then fail("QuickApp %d is a %s, %s is a %s", id, device.type, file, doc.type) end
  local old = must("GET", ("/quickApp/%d/files"):format(id))
  local have, changed = {}, {}
  for _, f in ipairs(type(old) == "table" and old or {}) do have[f.name] = true end
  for _, f in ipairs(doc.files) do
    if have[f.name] then
      local current = must("GET", ("/quickApp/%d/files/%s"):format(id, f.name))
      if current.content ~= f.content then changed[#changed + 1] = f end
      have[f.name] = nil
    else
      must("POST", ("/quickApp/%d/files"):format(id), f)
      say("created file '%s'", f.name)
    end
  end
  if #changed > 0 then
    must("PUT", ("/quickApp/%d/files"):format(id), changed)
    for _, f in ipairs(changed) do say("updated file '%s'", f.name) end
  end
  for name in pairs(have) do
    must("DELETE", ("/quickApp/%d/files/%s"):format(id, name))
    say("deleted file '%s'", name)
  end
  local p = doc.initialProperties
  local props = { viewLayout = p.viewLayout, uiView = p.uiView, uiCallbacks = p.uiCallbacks }
  if tostring(flags or ""):lower() ~= "nq" then props.quickAppVariables = p.quickAppVariables end
  must("PUT", "/devices/" .. id, { properties = props })
  say(props.quickAppVariables and "updated the UI and the variables" or "updated the UI (variables kept: nq)")
  local want, now = {}, {}
  for _, name in ipairs(doc.initialInterfaces) do want[name] = true end
  for _, name in ipairs(device.interfaces or {}) do now[name] = true end
  local add, remove = {}, {}
  for name in pairs(want) do if not now[name] then add[#add + 1] = name end end
  for name in pairs(now) do if not want[name] and name ~= "quickApp" then remove[#remove + 1] = name end end
  table.sort(add)
  table.sort(remove)
  if #add > 0 then
    must("POST", "/plugins/interfaces", { action = "add", deviceId = id, interfaces = add }, true)
    say("added interfaces %s", table.concat(add, ", "))
  end
  if #remove > 0 then
    must("POST", "/plugins/interfaces", { action = "delete", deviceId = id, interfaces = remove }, true)
    say("removed interfaces %s", table.concat(remove, ", "))
  end
  say("QuickApp %d '%s' updated from %s", id, doc.name, file)
end

usage.pack = "pack FILE [FQA]        write FILE and its --%%file files as an .fqa (default: FILE with .fqa)"
function tools.pack(file, out)
  if not file then fail("usage: -t %s", usage.pack) end
  local doc = packed(file)
  out = out or (file:gsub("%.lua$", "") .. ".fqa")
  local ok, err = fqa.write(out, doc)
  if not ok then fail("cannot write %s", err) end
  say("packed %s into %s", file, out)
end

usage.unpack = "unpack FQA [DIR]       write an .fqa's files into DIR (default .), headers in the main file"
function tools.unpack(file, dir)
  if not file then fail("usage: -t %s", usage.unpack) end
  local doc = read_fqa(file)
  local main, paths = fqa.unpack(doc, dir or ".", fqa.file_stem(doc.name or ""))
  if not main then fail("%s: %s", file, paths) end
  say("unpacked %s into %s", file, main)
end

local listings = {
  devices = { "/devices", function(d) return ("%6d  %-30s %s"):format(d.id, d.name, d.type) end },
  quickapps = { "/devices?interface=quickApp", function(d) return ("%6d  %-30s %s"):format(d.id, d.name, d.type) end },
  globals = { "/globalVariables", function(g) return ("%-30s %s"):format(g.name, tostring(g.value)) end },
  rooms = { "/rooms", function(r) return ("%6d  %-30s section %s"):format(r.id, r.name, tostring(r.sectionID)) end },
}
usage.list = "list WHAT              list the HC3's devices, globals, rooms or quickapps"
function tools.list(what)
  local listing = listings[what or ""]
  if not listing then fail("usage: -t list devices|globals|rooms|quickapps") end
  need_hc3()
  local items = must("GET", listing[1])
  for _, item in ipairs(type(items) == "table" and items or {}) do say("%s", listing[2](item)) end
end

usage.help = "help                   this list"
local order = { "uploadQA", "downloadQA", "updateFile", "updateQA", "pack", "unpack", "list", "help" }
function tools.help()
  say("plua -t TOOL ARGS...: the HC3 tools (HC3_URL, HC3_USER, HC3_PASSWORD, HC3_PIN from the environment, ./.env, ~/.env)")
  for _, name in ipairs(order) do say("  %s", usage[name]) end
end

-- --diagnostic: plua's version and configuration, and the HC3's identity.
function M.diagnostic(version)
  say("%s", version)
  local c = hc3.credentials()
  local function state(v) return v and v ~= "" and "set" or "not set" end
  say("HC3_URL: %s", c.url and c.url ~= "" and c.url or "not set")
  say("HC3_USER: %s, HC3_PASSWORD: %s, HC3_PIN: %s", state(c.user), state(c.password), state(c.pin))
  if not hc3.configured() then
    say("mode: offline (no HC3 configured)")
    return
  end
  say("mode: online unless -o/--offline or --%%%%offline:true")
  local info, _, why = hc3.request("GET", "/settings/info")
  if not info then
    io.stderr:write("plua: --diagnostic: ", why, "\n")
    os.exit(1)
  end
  say("HC3: %s, serial %s, software %s", tostring(info.hcName), tostring(info.serialNumber), tostring(info.softVersion))
end

-- Runs tool `name` with `args`; exits 1 on failure.
function M.run(name, args)
  local tool = tools[name]
  local ok, err = true, nil
  if not tool then
    ok, err = false, { message = ("unknown tool '%s' (plua -t help lists them)"):format(tostring(name)) }
  else
    ok, err = pcall(tool, table.unpack(args or {}))
  end
  if not ok then
    local message = getmetatable(err) == Failure and err.message or type(err) == "table" and err.message
      or hc3.mask(tostring(err))
    io.stdout:flush()
    io.stderr:write(("plua: -t %s: %s\n"):format(tostring(name), message))
    os.exit(1)
  end
end

return M
