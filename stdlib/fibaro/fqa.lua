-- The .fqa document (the HC3's QuickApp export) and a QuickApp's source:
-- pack turns a main file's --%% headers into the document's
-- initialProperties (name, type, quickAppVariables, uiCallbacks,
-- viewLayout and uiView from the `u` headers, interfaces) and its `file`
-- headers into its files; unpack writes the files back with headers that
-- say the same (the UI's forms: ui_layout.lua). pack(unpack(pack(x))) ==
-- pack(x) on everything the HC3 reads (tests/golden/hc3/pack_unpack).
local json = require("json")
local headers = require("plua.fibaro.headers")
local quickapps = require("plua.fibaro.quickapps")
local ui_layout = require("plua.fibaro.ui_layout")

local M = {}

-- ---- values as Lua source, for the headers unpack writes ----

-- A string literal on one line, with no " --" (the header parser would
-- take it for a comment).
local function string_literal(s)
  local escaped = s:gsub('[%c"\\]', function(c)
    if c == "\n" then return "\\n" elseif c == "\t" then return "\\t" elseif c == '"' then return '\\"'
    elseif c == "\\" then return "\\\\" end
    return ("\\%03d"):format(c:byte())
  end)
  return '"' .. escaped:gsub(" %-%-", " \\045-") .. '"'
end

-- Keys of a UI element in the order a person writes them.
local key_rank = {}
for i, k in ipairs({ "button", "slider", "label", "switch", "select", "multi", "text", "value", "values", "min", "max",
  "step", "options", "onReleased", "onLongPressDown", "onLongPressReleased", "onChanged", "onToggled" }) do
  key_rank[k] = i
end

local function is_sequence(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n == #t
end

local function lua_literal(v)
  local t = type(v)
  if t == "string" then return string_literal(v) end
  if t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    if v ~= v or v == math.huge or v == -math.huge then return v ~= v and "0/0" or (v > 0 and "math.huge" or "-math.huge") end
    local text = ("%.17g"):format(v)
    if tonumber(("%.15g"):format(v)) == v then text = ("%.15g"):format(v) end
    return text:find("[%.eE]") and text or text .. ".0"
  end
  if t == "boolean" then return tostring(v) end
  if t ~= "table" then return "nil" end -- json.null too: a header cannot say it
  local parts = {}
  if is_sequence(v) then
    for i, e in ipairs(v) do parts[i] = lua_literal(e) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ra, rb = key_rank[a] or 100, key_rank[b] or 100
    if ra ~= rb then return ra < rb end
    return tostring(a) < tostring(b)
  end)
  for _, k in ipairs(keys) do
    local key = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. lua_literal(k) .. "]"
    parts[#parts + 1] = key .. "=" .. lua_literal(v[k])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end
M.lua_literal = lua_literal

-- ---- pack ----

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, ("cannot open %s"):format(err) end
  local text = f:read("a")
  f:close()
  return text
end
M.read = read

-- A main file's parsed headers (plua.fibaro.headers), or nil and why.
function M.parse(path)
  local text, err = read(path)
  if not text then return nil, err end
  local config, why = headers.parse(text, path)
  if not config then return nil, why end
  config.text = text
  return config
end

-- Main file `path` -> the .fqa document and, for .project files, the
-- local path of each of its files ({ [qa file name] = path }); or nil
-- and why (naming the file and line of a bad header).
function M.pack(path)
  local config, err = M.parse(path)
  if not config then return nil, err end
  local ok, result, paths = pcall(function()
    local vars = json.initArray({})
    for i, v in ipairs(quickapps.variables(config)) do vars[i] = { name = v.name, value = v.value } end
    local ui = {}
    for i, u in ipairs(config.ui) do ui[i] = quickapps.literal(u, "u") end
    local callbacks, layout, view = ui_layout.compile(ui)
    local interfaces = json.initArray({})
    if config.interfaces then
      local list = quickapps.literal(config.interfaces, "interfaces")
      if type(list) ~= "table" then error(("%s: header 'interfaces' expects a table of names"):format(config.interfaces.where), 0) end
      for _, name in ipairs(list) do
        if name ~= "quickApp" then interfaces[#interfaces + 1] = tostring(name) end
      end
    end
    local files = { { name = "main", type = "lua", isMain = true, isOpen = false, content = config.text } }
    local paths = { main = path }
    for _, file in ipairs(config.files) do
      local found = quickapps.find_file(file, path)
      local content = assert(read(found))
      files[#files + 1] = { name = file.name, type = "lua", isMain = false, isOpen = false, content = content }
      paths[file.name] = found
    end
    local props = { quickAppVariables = vars, uiCallbacks = callbacks, viewLayout = layout, uiView = view,
      useUiView = false, typeTemplateInitialized = true, apiVersion = "1.3", manufacturer = config.manufacturer,
      model = config.model, deviceRole = config.role, userDescription = config.description, quickAppUuid = config.uid }
    return { name = config.name, type = config.type, apiVersion = "1.3", initialProperties = props,
      initialInterfaces = interfaces, files = files }, paths
  end)
  if not ok then return nil, tostring(result) end
  if not require("plua.fibaro.model").is_known_type(result.type) then
    return nil, ("%s: header 'type' expects a known device type (e.g. com.fibaro.binarySwitch), got '%s'")
      :format(config.type_where or path, result.type)
  end
  return result, nil, paths
end

-- ---- unpack ----

-- The headers unpack writes, so it drops them from the main file first.
local regenerated = { name = true, type = true, var = true, file = true, u = true, interfaces = true, project = true,
  uid = true, manufacturer = true, model = true, role = true, description = true }

local function strip_headers(content, eol)
  local out = {}
  local ended = false
  for line in (content .. "\n"):gmatch("(.-)\r?\n") do
    local key = not ended and line:match("^%s*%-%-%%%%%s*([%w_]+)%s*[:=]")
    if line:match("^%s*%-%-.*ENDOFHEADERS") then ended = true end
    if not (key and regenerated[key]) then out[#out + 1] = line end
  end
  if out[#out] == "" and content:sub(-1) ~= "\n" then out[#out] = nil end
  while out[1] == "" do table.remove(out, 1) end
  return table.concat(out, eol)
end

-- A file name from a QuickApp's name: letters, digits and _ only.
function M.file_stem(name, id)
  local stem = tostring(name):gsub("[^%w_]", "_")
  if id then stem = stem .. "_" .. id end
  return stem
end

-- Writes the document `fqa` into directory `dir` (made if missing) as
-- STEM.lua (the main file, with headers) and STEM_NAME.lua for the others;
-- `project` (an HC3 id) adds a --%%project header. Returns the main file's
-- path and { [qa file name] = path }, or nil and why.
function M.unpack(fqa, dir, stem, project)
  if type(fqa) ~= "table" or type(fqa.name) ~= "string" or type(fqa.type) ~= "string" or type(fqa.files) ~= "table" then
    return nil, "not an .fqa document: it needs name, type and files"
  end
  dir = (dir or "."):gsub("/+$", "")
  if dir == "" then dir = "/" end
  os.execute(("mkdir -p '%s'"):format(dir:gsub("'", "'\\''")))
  local prefix = dir == "/" and "/" or dir .. "/"
  local props = type(fqa.initialProperties) == "table" and fqa.initialProperties or {}
  local lines = { "--%%name:" .. fqa.name, "--%%type:" .. fqa.type }
  if project then lines[#lines + 1] = "--%%project:" .. project end
  for _, key in ipairs({ "uid", "manufacturer", "model", "role", "description" }) do
    local prop = ({ uid = "quickAppUuid", role = "deviceRole", description = "userDescription" })[key] or key
    local v = props[prop]
    if type(v) == "string" and v ~= "" and not v:find("\n") then lines[#lines + 1] = ("--%%%%%s:%s"):format(key, v) end
  end
  local interfaces = {}
  for _, name in ipairs(type(fqa.initialInterfaces) == "table" and fqa.initialInterfaces or {}) do
    if name ~= "quickApp" then interfaces[#interfaces + 1] = name end
  end
  if #interfaces > 0 then lines[#lines + 1] = "--%%interfaces:" .. lua_literal(interfaces) end
  for _, v in ipairs(type(props.quickAppVariables) == "table" and props.quickAppVariables or {}) do
    if type(v) == "table" and type(v.name) == "string" and v.name:match("^[%a_][%w_]*$") then
      lines[#lines + 1] = ("--%%%%var:%s=%s"):format(v.name, lua_literal(v.value))
    end
  end
  local paths, main = {}, nil
  for _, f in ipairs(fqa.files) do
    if type(f) ~= "table" or type(f.name) ~= "string" or type(f.content) ~= "string" then
      return nil, "not an .fqa document: each file needs a name and a content"
    end
    if f.isMain then
      main = f
    else
      local name = ("%s_%s.lua"):format(stem, f.name:gsub("[^%w_]", "_"))
      local out, err = io.open(prefix .. name, "wb")
      if not out then return nil, ("cannot write %s"):format(err) end
      out:write(f.content)
      out:close()
      lines[#lines + 1] = ("--%%%%file:%s,%s"):format(name, f.name)
      paths[f.name] = prefix .. name
    end
  end
  if not main then return nil, "not an .fqa document: no file is the main one (isMain)" end
  for _, row in ipairs(ui_layout.decompile(props)) do
    lines[#lines + 1] = "--%%u:" .. lua_literal(#row == 1 and row[1] or row)
  end
  -- A main file written on Windows (CRLF) keeps its line ending, headers
  -- included, so a round trip changes no line of it.
  local eol = main.content:find("\r\n", 1, true) and "\r\n" or "\n"
  local body = strip_headers(main.content, eol)
  local path = prefix .. stem .. ".lua"
  local out, err = io.open(path, "wb")
  if not out then return nil, ("cannot write %s"):format(err) end
  out:write(table.concat(lines, eol), eol, body, body ~= "" and body:sub(-1) ~= "\n" and eol or "")
  out:close()
  paths.main = path
  return path, paths
end

-- Writes `value` (an .fqa document, a .project) to `path` as formatted
-- JSON: true, or nil and io.open's error ("PATH: why").
function M.write(path, value)
  local out, err = io.open(path, "wb")
  if not out then return nil, err end
  out:write(json.encodeFormated(value), "\n")
  out:close()
  return true
end

-- ---- .project files, as PLua writes them: {"files": {qa name: path}, "id": N} ----

function M.write_project(dir, id, paths)
  dir = (dir or "."):gsub("/+$", "")
  local path = (dir == "" and "." or dir) .. "/.project"
  local ok, err = M.write(path, { files = paths, id = id })
  if not ok then return nil, ("cannot write %s"):format(err) end
  return path
end

-- The HC3 id and the QuickApp file name that local file `path` is, from
-- the .project beside it (else in the working directory): id, name, or
-- nil and why.
function M.find_project(path)
  local dir, base = path:match("^(.-)([^/]+)$")
  for _, project in ipairs({ (dir ~= "" and dir or "./") .. ".project", ".project" }) do
    local text = read(project)
    if text then
      local ok, data = pcall(json.decode, text)
      if not ok or type(data) ~= "table" then return nil, ("%s is not a .project file (JSON expected)"):format(project) end
      for name, file in pairs(type(data.files) == "table" and data.files or {}) do
        if type(file) == "string" and file:match("([^/\\]+)$") == base then
          if not math.tointeger(data.id) then return nil, ("%s has no QuickApp id"):format(project) end
          return math.tointeger(data.id), name, project
        end
      end
    end
  end
  return nil, ("no .project file names %s (downloadQA and uploadQA write one)"):format(path)
end

return M
