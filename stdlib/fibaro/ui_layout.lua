-- A QuickApp's UI in the HC3's three forms and back: the `u` header rows
-- (each an element {button=, slider=, label=, switch=, select=, multi=}
-- or a list of them) -> uiCallbacks (element, event, method), viewLayout
-- (the older "$jason" layout) and uiView (the newer rows with their event
-- bindings); decompile reads uiView, else viewLayout, back into rows.
local json = require("json")

local M = {}

local kinds = { "button", "slider", "label", "switch", "select", "multi" }
-- The events each kind of element can have a callback for.
local events_of = { button = { "onReleased", "onLongPressDown", "onLongPressReleased" }, slider = { "onChanged" },
  switch = { "onReleased", "onToggled" }, select = { "onToggled" }, multi = { "onToggled" }, label = {} }
M.events_of = events_of

local function kind_of(e)
  for _, k in ipairs(kinds) do
    if type(e[k]) == "string" then return k end
  end
  return nil
end

local function rows_of(ui)
  local rows = {}
  for _, row in ipairs(ui) do
    if type(row) == "table" then
      rows[#rows + 1] = row[1] ~= nil and row or { row }
    end
  end
  return rows
end

local function str(v, default)
  if v == nil then return default end
  return tostring(v)
end

-- The component the HC3 draws for element e (without its event bindings).
local function component(e, kind, weight)
  local c = { name = e[kind], type = kind == "multi" and "select" or kind, text = str(e.text, ""), visible = true,
    style = { weight = weight } }
  if kind == "slider" then
    c.min, c.max, c.step, c.value = str(e.min, "0"), str(e.max, "100"), str(e.step, "1"), str(e.value, "0")
  elseif kind == "switch" then
    c.value = str(e.value, "false")
  elseif kind == "select" or kind == "multi" then
    c.selectionType = kind == "multi" and "multi" or "single"
    local options = json.initArray({})
    for i, o in ipairs(type(e.options) == "table" and e.options or {}) do
      options[i] = { type = "option", text = str(o.text, ""), value = str(o.value, "") }
    end
    c.options = options
    if kind == "multi" then
      c.values = json.initArray({})
      for i, v in ipairs(type(e.values) == "table" and e.values or {}) do c.values[i] = tostring(v) end
    else
      c.value = e.value ~= nil and tostring(e.value) or nil
    end
  end
  return c
end

local weights = { "1.0", "0.5", "0.33", "0.25", "0.2" }

-- `u` rows (each an element or a list of elements) -> uiCallbacks,
-- viewLayout, uiView as the HC3 keeps them.
function M.compile(ui)
  local callbacks, layout_items, view = json.initArray({}), json.initArray({}), json.initArray({})
  for _, row in ipairs(rows_of(ui)) do
    local weight = weights[#row] or "0.2"
    local layout_row, view_row = json.initArray({}), json.initArray({})
    for _, e in ipairs(row) do
      local kind = kind_of(e)
      if kind then
        local name = e[kind]
        local bindings = {}
        for _, event in ipairs(events_of[kind]) do
          if e[event] then
            callbacks[#callbacks + 1] = { name = name, eventType = event, callback = tostring(e[event]) }
          end
          local args = { event, name }
          if kind ~= "button" then args[3] = "$event.value" end
          bindings[event] = { { type = "deviceAction", params = { actionName = "UIAction", args = args } } }
        end
        layout_row[#layout_row + 1] = component(e, kind, weight)
        local c = component(e, kind, weight)
        if next(bindings) then c.eventBinding = bindings end
        view_row[#view_row + 1] = c
      end
    end
    if #layout_row > 0 then
      local first = #layout_row == 1 and layout_row[1]
        or { type = "horizontal", style = { weight = "1.2" }, components = layout_row }
      layout_items[#layout_items + 1] = { type = "vertical", style = { weight = "1.2" },
        components = { first, { type = "space", style = { weight = "0.5" } } } }
      view[#view + 1] = { type = "horizontal", style = { weight = "1.0" }, components = view_row }
    end
  end
  local layout = { ["$jason"] = { head = { title = "quickApp_device" },
    body = { header = { title = "quickApp_device", style = { height = "0" } }, sections = { items = layout_items } } } }
  return callbacks, layout, view
end

-- One drawn component -> a `u` element (its callbacks from `by_name`).
local function element_of(c, by_name)
  local kind = c.type == "select" and c.selectionType == "multi" and "multi" or c.type
  if not events_of[kind] or type(c.name) ~= "string" then return nil end
  local e = { [kind] = c.name }
  if c.text ~= nil and c.text ~= "" then e.text = c.text end
  if kind == "slider" then
    e.min, e.max, e.step, e.value = c.min, c.max, c.step, c.value
  elseif kind == "switch" then
    e.value = c.value
  elseif kind == "select" or kind == "multi" then
    local options = {}
    for i, o in ipairs(type(c.options) == "table" and c.options or {}) do options[i] = { text = o.text, value = o.value } end
    if #options > 0 then e.options = options end
    if kind == "multi" and type(c.values) == "table" and #c.values > 0 then e.values = c.values end
    if kind == "select" then e.value = c.value end
  end
  for event, callback in pairs(by_name[c.name] or {}) do e[event] = callback end
  return e
end

-- uiView (else viewLayout) and uiCallbacks -> `u` rows.
function M.decompile(props)
  local by_name = {}
  for _, cb in ipairs(type(props.uiCallbacks) == "table" and props.uiCallbacks or {}) do
    if type(cb) == "table" and type(cb.name) == "string" and type(cb.callback) == "string" and cb.callback ~= "" then
      by_name[cb.name] = by_name[cb.name] or {}
      by_name[cb.name][cb.eventType] = cb.callback
    end
  end
  local rows = {}
  local function add_row(components)
    local row = {}
    local function walk(list)
      for _, c in ipairs(type(list) == "table" and list or {}) do
        if type(c) == "table" then
          if c.type == "horizontal" or c.type == "vertical" then walk(c.components)
          else row[#row + 1] = element_of(c, by_name) end
        end
      end
    end
    walk(components)
    if #row > 0 then rows[#rows + 1] = row end
  end
  if type(props.uiView) == "table" and #props.uiView > 0 then
    for _, r in ipairs(props.uiView) do add_row(type(r) == "table" and r.components) end
  else
    local ok, items = pcall(function() return props.viewLayout["$jason"].body.sections.items end)
    for _, r in ipairs(ok and type(items) == "table" and items or {}) do add_row(type(r) == "table" and r.components) end
  end
  return rows
end

return M
