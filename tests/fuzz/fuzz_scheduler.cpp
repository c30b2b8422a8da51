// libFuzzer target: the "script fuzzer". Bytes become a sequence of timer
// operations (setTimeout, setInterval, clear*, _PY.sleep, bare yield,
// erroring callbacks) in a generated script, run by a real Runtime. The
// script checks the invariants itself and ends the process with exit code
// 77 (which libFuzzer reports) when one breaks:
//   - every timeout that is not cleared fires exactly once; cleared ones never;
//   - timers created in the same step of the main task fire by (delay, creation);
//   - each interval fires exactly the times it asked for;
//   - extra arguments reach their callback unchanged (nil holes included);
//   - a callback that sleeps or yields midway (its runner coroutine becomes
//     its own task) still finishes, exactly once;
// and the run must terminate (libFuzzer's -timeout catches a hang).

#include <fmt/format.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime.hpp"

namespace {

constexpr const char* kPrelude = R"lua(
local fired, expect, cleared, order, intervals, finished = {}, {}, {}, {}, {}, {}
local function fail(msg) io.stderr:write("invariant broken: ", msg, "\n") os.exit(77) end
-- pause: nil, "sleep" or "yield": what the callback does after it has fired.
local function timeout(id_key, step, delay, pause)
  expect[id_key] = true
  local id = setTimeout(function(key, hole, last, ...)
    if key ~= id_key or hole ~= nil or last ~= "end" or select("#", ...) ~= 0 then
      fail("timer " .. id_key .. " got the wrong arguments")
    end
    if cleared[id_key] then fail("cleared timer " .. id_key .. " fired") end
    fired[id_key] = (fired[id_key] or 0) + 1
    order[#order + 1] = {step = step, delay = delay, key = id_key}
    if pause == "sleep" then _PY.sleep(0) elseif pause == "yield" then coroutine.yield() end
    finished[id_key] = (finished[id_key] or 0) + 1
  end, delay, id_key, nil, "end")
  return id
end
_PY.on_exit(function()
  for k in pairs(expect) do
    local n = fired[k] or 0
    if cleared[k] then
      if n ~= 0 then fail("cleared timer " .. k .. " fired") end
    elseif n ~= 1 then
      fail("timer " .. k .. " fired " .. n .. " times")
    elseif finished[k] ~= 1 then
      fail("timer " .. k .. " did not finish its callback")
    end
  end
  for i = 2, #order do
    local a, b = order[i - 1], order[i]
    if a.step == b.step and (a.delay > b.delay or (a.delay == b.delay and a.key > b.key)) then
      fail(("timers %d and %d of one step ran out of order"):format(a.key, b.key))
    end
  end
  for k, iv in pairs(intervals) do
    if iv.n ~= iv.want then fail(("interval %d fired %d times, not %d"):format(k, iv.n, iv.want)) end
  end
end)
local ids = {}
local step = 1
)lua";

std::string script_for(const std::uint8_t* data, std::size_t size) {
  std::string out = kPrelude;
  int key = 0;
  for (std::size_t i = 0; i + 1 < size && i < 400; i += 2) {
    const int op = data[i] % 8;
    const int arg = data[i + 1];
    switch (op) {
      case 0:
        ++key;
        out += fmt::format("ids[{0}] = timeout({0}, step, {1})\n", key, arg % 3);
        break;
      case 1:
        if (key > 0) out += fmt::format("do local k = {0}; cleared[k] = not fired[k] or cleared[k]; clearTimeout(ids[k]) end\n", 1 + arg % key);
        break;
      case 2:
        ++key;
        out += fmt::format(
            "do local iv = {{n = 0, want = {1}}}; intervals[{0}] = iv; local id; id = setInterval(function() "
            "iv.n = iv.n + 1; if iv.n == iv.want then clearInterval(id) end end, {2}) end\n",
            key, 1 + arg % 3, 1 + arg % 2);
        break;
      case 3:
        out += fmt::format("_PY.sleep({}); step = step + 1\n", arg % 2 == 0 ? "0" : "0.001");
        break;
      case 4:
        out += "coroutine.yield(); step = step + 1\n";
        break;
      case 5:
        out += fmt::format("setTimeout(function() error('deliberate') end, {})\n", arg % 3);
        break;
      case 6:
        ++key;
        out += fmt::format("ids[{0}] = timeout({0}, step, {1}, \"sleep\")\n", key, arg % 3);
        break;
      case 7:
        ++key;
        out += fmt::format("ids[{0}] = timeout({0}, step, {1}, \"yield\")\n", key, arg % 3);
        break;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  char path[] = "/tmp/plua-fuzz-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 0;
  const std::string script = script_for(data, size);
  if (write(fd, script.data(), script.size()) != static_cast<ssize_t>(script.size())) __builtin_trap();
  close(fd);
  {
    plua::runtime::Options options;
    options.script = path;
    options.argv = {"plua", path};
    options.script_index = 1;
    options.warnings = false;
    plua::runtime::Runtime runtime(std::move(options));
    const int code = runtime.run();
    if (code != 0 && code != 1) __builtin_trap();
  }
  std::remove(path);
  return 0;
}
