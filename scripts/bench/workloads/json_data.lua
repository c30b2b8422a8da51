-- Data sets for the json workloads (json_bench.lua): deterministic, the
-- same on plua and lua5.4. Each has build() -> value, rounds, and
-- checksum(decoded) -> a number both json implementations agree on.
local sets = {}

-- 1,000 HC3-style device tables: properties, interfaces, actions.
local types = {
  { "com.fibaro.binarySwitch", "com.fibaro.actor", { "energy", "power" }, { turnOn = 0, turnOff = 0, toggle = 0 } },
  { "com.fibaro.multilevelSwitch", "com.fibaro.actor", { "levelChange" }, { setValue = 1, turnOn = 0, turnOff = 0 } },
  { "com.fibaro.temperatureSensor", "com.fibaro.multilevelSensor", { "battery" }, { setValue = 1 } },
}
sets.devices = {
  rounds = 200,
  build = function()
    local devices = {}
    for i = 1, 1000 do
      local t = types[i % #types + 1]
      devices[i] = {
        id = 100 + i,
        name = "Device " .. i,
        roomID = 219 + i % 7,
        type = t[1],
        baseType = t[2],
        enabled = true,
        visible = i % 5 ~= 0,
        interfaces = t[3],
        properties = { value = i % 2 == 0 and 21.5 + i / 100 or false, dead = false, batteryLevel = i % 100 },
        actions = t[4],
        modified = 1700000000 + i,
      }
    end
    return devices
  end,
  checksum = function(d)
    local sum = 0
    for _, dev in ipairs(d) do sum = sum + dev.id + #dev.name + #dev.interfaces end
    return math.floor(sum)
  end,
}

-- A large array of numbers: integers, decimals, big and tiny magnitudes.
sets.numbers = {
  rounds = 100,
  build = function()
    local a = {}
    for i = 1, 20000 do
      local k = i % 4
      if k == 0 then a[i] = i * 7919
      elseif k == 1 then a[i] = i / 8 + 0.1
      elseif k == 2 then a[i] = -i * 1.0e-7
      else a[i] = (i * 2654435761) % 1000003 * 1.0e15 end
    end
    return a
  end,
  checksum = function(d) return #d end,
}

-- Long strings with escapes (quotes, backslashes, newlines, tabs, control
-- bytes) and UTF-8 (2, 3 and 4 bytes).
sets.strings = {
  rounds = 100,
  build = function()
    local parts = { 'He said "hi"\\', "line\nnext\ttab", "caf\u{E9} na\u{EF}ve ", "\u{65E5}\u{672C}\u{8A9E} ",
                    "\u{1F600} ok ", "plain ascii text that is long enough to matter ", "\1\2 ctl " }
    local a = {}
    for i = 1, 1000 do
      local s = {}
      for j = 1, 12 do s[j] = parts[(i + j) % #parts + 1] end
      a[i] = table.concat(s)
    end
    return a
  end,
  checksum = function(d)
    local n = 0
    for _, s in ipairs(d) do n = n + #s end
    return n
  end,
}

-- Deeply nested small objects: 200 chains, each 50 levels deep.
sets.nested = {
  rounds = 100,
  build = function()
    local chains = {}
    for c = 1, 200 do
      local node = { leaf = true }
      for level = 50, 1, -1 do node = { level = level, name = "n" .. level, child = node } end
      chains[c] = node
    end
    return chains
  end,
  checksum = function(d)
    local depth = 0
    for _, node in ipairs(d) do
      while node.child do depth, node = depth + 1, node.child end
    end
    return depth
  end,
}

return sets
