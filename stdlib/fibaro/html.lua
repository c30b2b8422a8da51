-- The HTML the HC3 console renders in log messages (<font color=...>,
-- <br>, <b>, &nbsp;, ...): on a terminal, <font color> becomes a colour
-- and the rest plain text; elsewhere every tag goes. to_text(s, colour)
-- is quick for the usual message, which has no '<' and no '&'.
local M = {}

-- HTML colour names (the ones QuickApps use) as 24-bit RGB.
local named = {
  black = "000000", white = "ffffff", red = "ff0000", green = "008000", lime = "00ff00", blue = "0000ff",
  yellow = "ffff00", orange = "ffa500", purple = "800080", magenta = "ff00ff", fuchsia = "ff00ff", cyan = "00ffff",
  aqua = "00ffff", gray = "808080", grey = "808080", silver = "c0c0c0", maroon = "800000", navy = "000080",
  olive = "808000", teal = "008080", brown = "a52a2a", pink = "ffc0cb", gold = "ffd700", violet = "ee82ee",
  lightblue = "add8e6", lightgreen = "90ee90", darkgreen = "006400", darkred = "8b0000", darkblue = "00008b",
  darkorange = "ff8c00", lightgray = "d3d3d3", lightgrey = "d3d3d3", darkgray = "a9a9a9", darkgrey = "a9a9a9",
}

local entities = { nbsp = " ", lt = "<", gt = ">", amp = "&", quot = '"', apos = "'" }

local reset = "\27[0m"

local function ansi(colour)
  colour = colour:gsub("^[\"']", ""):gsub("[\"']$", ""):lower()
  local hex = named[colour] or colour:match("^#(%x%x%x%x%x%x)$")
  if not hex then
    local short = colour:match("^#(%x%x%x)$")
    hex = short and short:gsub("%x", "%0%0")
  end
  if not hex then return nil end
  return ("\27[38;2;%d;%d;%dm"):format(tonumber(hex:sub(1, 2), 16), tonumber(hex:sub(3, 4), 16),
    tonumber(hex:sub(5, 6), 16))
end

local function entity(name)
  local code = name:match("^#(%d+)$")
  if code then return utf8.char(tonumber(code)) end
  code = name:match("^#[xX](%x+)$")
  if code then return utf8.char(tonumber(code, 16)) end
  return entities[name:lower()]
end

function M.to_text(s, colour)
  if not (s:find("<", 1, true) or s:find("&", 1, true)) then return s end
  local stack = {} -- the colours of the open <font> tags
  s = s:gsub("<%s*(/?)%s*(%a+)([^>]*)>", function(closing, tag, attributes)
    tag = tag:lower()
    if tag == "br" then return "\n" end
    if tag ~= "font" or not colour then return "" end
    if closing == "/" then
      table.remove(stack)
      return stack[#stack] or reset
    end
    local value = attributes:match("[Cc][Oo][Ll][Oo][Rr]%s*=%s*([\"']?[#%w]+[\"']?)")
    local code = value and ansi(value)
    stack[#stack + 1] = code or stack[#stack] or reset
    return code or ""
  end)
  s = s:gsub("&(#?%w+);", function(name) return entity(name) end)
  if colour and #stack > 0 then s = s .. reset end
  return s
end

return M
