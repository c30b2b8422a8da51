-- A --%%file of quickapp_files.lua, debugged under its own name.
function greeting(name)
  local text = "hello " .. name
  return text
end
