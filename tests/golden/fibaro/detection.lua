--%%name:Plain
-- A script with a header that does not use the HC3 API runs as plain Lua
-- (detection.cmd also forces the emulation on, and off for device scripts).
print("plain print", 1, 2)
print(type(rawget(_G, "json")), _PY.config.fibaro)
