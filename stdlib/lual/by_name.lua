-- The component modules lual has one file each for (lual.presenters.color,
-- lual.pipelines.outputs.console, lual.pipelines.transformers.noop, ...):
-- each is the constant its last name part names in lual.constants, so
-- require("lual.presenters.color") is lual.color and
-- require("lual.pipelines.presenters") the table of presenters.
local name = ...
local C = require("lual.constants")
local part = tostring(name):match("([^.]+)$")
local value = C[part]
if value == nil then error("lual: no component named '" .. tostring(part) .. "' for module '" .. tostring(name) .. "'", 2) end
return value
