-- require("plua.py_files"): _PY.read_file and _PY.write_file over the io
-- library, whose handles the GC closes even when an error unwinds (a C
-- function could not promise that). Loaded on first use.

local args = require("plua.args")

local M = {}

function M.read_file(path)
  args.check_type(path, "string", 1, "read_file")
  local f, err = io.open(path, "rb")
  if not f then args.raise(err) end
  local data, rerr = f:read("a")
  f:close()
  if not data then args.raise(rerr) end
  return data
end

function M.write_file(path, data)
  args.check_type(path, "string", 1, "write_file")
  args.check_type(data, "string", 2, "write_file")
  local f, err = io.open(path, "wb")
  if not f then args.raise(err) end
  local ok, werr = f:write(data)
  f:close()
  if not ok then args.raise(werr) end
  return true
end

return M
