#pragma once
// A Runtime that is constructed but never run: its uv loop, lua_State,
// Timers and Scheduler, driven directly by a test. The timers get the time
// explicitly (collect_due(when)), passes are run by hand, and what ran is
// observed through the global `trace` that callbacks append to. The
// globals of a script are there (setTimeout & co., _PY) for tasks that
// need them.

#include <catch2/catch.hpp>

#include <string>

#include "host/api.hpp"
#include "runtime.hpp"

namespace plua::test {

inline runtime::Options quiet_options() {
  runtime::Options options;
  options.warnings = false;
  return options;
}

struct Core {
  runtime::Runtime rt{quiet_options()};
  lua_State* L = rt.state();
  runtime::Timers& timers = rt.timers();
  runtime::Scheduler& scheduler = rt.scheduler();

  Core() {
    luaL_openlibs(L);
    rt.sources().anchor_slot(L);
    runtime::install_timer_api(L);
    runtime::install_py_api(L);
    lua_settop(L, 0);
    exec("trace = ''");
  }

  void exec(const std::string& code) {
    INFO(code);
    REQUIRE(luaL_dostring(L, code.c_str()) == LUA_OK);
    lua_settop(L, 0);
  }

  std::string trace() {
    lua_getglobal(L, "trace");
    std::string out = lua_isstring(L, -1) ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    return out;
  }

  // The loop's time (ms); it moves only when a pass runs a task.
  std::uint64_t now() { return rt.now(); }

  // Pushes a function that appends `mark` to the trace.
  void push_mark(const std::string& mark) {
    const std::string code = "trace = trace .. '" + mark + "'";
    REQUIRE(luaL_loadstring(L, code.c_str()) == LUA_OK);
  }

  // A timer added directly (no binding): due `delay_ms` after `at`.
  runtime::TimerId add(std::uint64_t at, std::uint64_t delay_ms, const std::string& mark,
                       runtime::Timers::Kind kind = runtime::Timers::Kind::Timeout) {
    timers.push_callbacks(L);
    push_mark(mark);
    const int slot = timers.take_slot();
    REQUIRE(slot != 0);
    lua_rawseti(L, -2, slot);
    lua_pop(L, 1);
    return timers.add(kind, at, delay_ms, slot, false, runtime::Origin{});
  }

  // Starts `code` as a task (queued behind what is there).
  void spawn(const std::string& code, const char* what = "test task") {
    REQUIRE(luaL_loadstring(L, code.c_str()) == LUA_OK);
    scheduler.spawn(L, runtime::TaskLabel{runtime::TaskLabel::Kind::Callback, 0, {}, what});
  }

  // One pass; the queue's state afterwards is the test's to check.
  void pass() { REQUIRE(scheduler.run_pass(L)); }
};

}  // namespace plua::test
