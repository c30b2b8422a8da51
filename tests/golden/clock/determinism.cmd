# The same script and start time: byte-identical output, twice, with
# timers of many periods, sleeps, nested timeouts and bare yields.
cat > "$TEST_TMP/mix.lua" <<'LUA'
local log = {}
local function note(what) log[#log + 1] = ("%s %s"):format(os.date("%H:%M:%S"), what) end
for i = 1, 5 do setInterval(function() note("interval " .. i) end, i * 7919) end
for i = 1, 20 do setTimeout(function() note("timeout " .. i); setTimeout(function() note("nested " .. i) end, i * 13) end, i * 1777) end
setTimeout(function() for i = 1, 3 do _PY.sleep(61); note("slept " .. i) end end, 5)
setTimeout(function() coroutine.yield(); note("after yield") end, 5)
_PY.on_exit(function() print(#log) for _, line in ipairs(log) do print(line) end end)
LUA
cd "$TEST_TMP"
TZ=UTC PLUA_TIME=1700000000 "$PLUA" --speed 0.05 mix.lua > a 2> a.err
TZ=UTC PLUA_TIME=1700000000 "$PLUA" --speed 0.05 mix.lua > b 2> b.err
cmp a b && cmp a.err b.err && echo "identical"
cat a.err; grep -c . a; grep -E "slept|after yield|timeout 20|nested 20" a; tail -3 a
