// The _PY table: the part of PLua's host API that makes sense without
// Python, plus plua's own introspection (stats, ref/unref).

#include <lua.hpp>
#include <uv.h>

#include <sys/stat.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "host/api.hpp"
#include "lua/args.hpp"
#include "lua/guard.hpp"
#include "runtime.hpp"

namespace plua::runtime {

namespace {

// _PY.sleep(seconds): suspends the calling coroutine; the loop resumes it.
int py_sleep(lua_State* L) {
  const std::uint64_t ms = lua::check_seconds_as_ms(L, 1);
  if (!lua_isyieldable(L)) {
    return luaL_error(L, "_PY.sleep: cannot suspend here (called across a C boundary); use setTimeout");
  }
  ThreadContext* context = context_of(L);
  Runtime& rt = *context->runtime;
  bool ok = false;
  if (context->task != nullptr && context->task->thread == L) {
    // A pooled task: the pool anchors the thread; the wake-up names the task.
    ok = rt.timers().add_wake_task(rt.now(), ms, TaskPool::ref_of(*context->task));
  } else {
    // A script's own coroutine: the wake-up owns a ref that anchors it.
    lua_pushthread(L);
    const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    ok = rt.timers().add_wake_coroutine(rt.now(), ms, ref);
  }
  if (!ok) lua::raise_out_of_memory(L);
  rt.scheduler().note_sleep(L);
  return lua_yield(L, 0);
}

// The run's wall clock (virtual under --speed, shifted by PLUA_TIME).
int py_get_time(lua_State* L) {
  lua_pushnumber(L, runtime_of(L).clock().wall_seconds());
  return 1;
}

int py_milli_time(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(runtime_of(L).clock().wall_us() / 1000));
  return 1;
}

int py_file_exists(lua_State* L) {
  const char* path = luaL_checkstring(L, 1);
  struct stat st {};
  lua_pushboolean(L, ::stat(path, &st) == 0);
  return 1;
}

int py_get_platform(lua_State* L) {
  uv_utsname_t name{};
  if (uv_os_uname(&name) != 0) return luaL_error(L, "cannot read the platform name");
  lua_createtable(L, 0, 3);
  lua_pushstring(L, name.sysname);
  lua_setfield(L, -2, "system");
  lua_pushstring(L, name.release);
  lua_setfield(L, -2, "release");
  lua_pushstring(L, name.machine);
  lua_setfield(L, -2, "machine");
  return 1;
}

// Timeouts not fired yet, live intervals and HTTP requests in flight (each
// will call back).
int py_pending_callbacks(lua_State* L) {
  Runtime& rt = runtime_of(L);
  Timers& timers = rt.timers();
  lua_pushinteger(L,
                  static_cast<lua_Integer>(timers.pending_timeouts() + timers.active_intervals() + rt.requests()));
  return 1;
}

int py_running_intervals(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(runtime_of(L).timers().active_intervals()));
  return 1;
}

void set_count(lua_State* L, const char* key, std::uint64_t value) {
  lua_pushinteger(L, static_cast<lua_Integer>(value));
  lua_setfield(L, -2, key);
}

int py_stats(lua_State* L) {
  Runtime& rt = runtime_of(L);
  Timers& timers = rt.timers();
  const Scheduler& scheduler = rt.scheduler();
  lua_createtable(L, 0, 8);
  set_count(L, "timeouts", timers.pending_timeouts());
  set_count(L, "intervals", timers.active_intervals());
  set_count(L, "sleeping", timers.sleeping());
  set_count(L, "requests", rt.requests());
  set_count(L, "queued", scheduler.queued());
  set_count(L, "tasks_run", scheduler.tasks_run());
  set_count(L, "coroutines_pooled", scheduler.pool().idle());
  set_count(L, "coroutines_created", scheduler.pool().created());
  set_count(L, "loop_iterations", rt.loop_iterations());
  return 1;
}

// _PY.pending(): {{id=, kind="timeout"|"interval", due_in_ms=, origin="file:line"}, ...}
// sorted by deadline. The list is gathered into a Lua-owned buffer, so
// nothing with a destructor is alive when building the table may raise.
int py_pending(lua_State* L) {
  Runtime& rt = runtime_of(L);
  const std::uint64_t now = rt.now();
  const std::size_t capacity = rt.timers().pending_timers();
  auto* timers = static_cast<Timers::PendingTimer*>(lua_newuserdatauv(L, capacity * sizeof(Timers::PendingTimer) + 1, 0));
  const std::size_t n = rt.timers().fill_pending(timers, capacity, now);
  lua_createtable(L, static_cast<int>(n), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = timers[i];
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, static_cast<lua_Integer>(t.id));
    lua_setfield(L, -2, "id");
    lua_pushstring(L, t.kind == Timers::Kind::Interval ? "interval" : "timeout");
    lua_setfield(L, -2, "kind");
    if (t.due == Timers::kNever) {
      lua_pushnumber(L, HUGE_VAL);
    } else {
      lua_pushinteger(L, static_cast<lua_Integer>(t.due > now ? t.due - now : 0));
    }
    lua_setfield(L, -2, "due_in_ms");
    lua_pushfstring(L, "%s:%d", rt.sources().c_name(t.origin.source), static_cast<int>(t.origin.line));
    lua_setfield(L, -2, "origin");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  return 1;
}

// _PY.unref(id) / _PY.ref(id): whether a timer keeps the process alive.
int set_keeps_alive(lua_State* L, bool keeps_alive) {
  const TimerId id = lua::opt_timer_id(L, 1);
  lua_pushboolean(L, id != 0 && runtime_of(L).timers().set_keeps_alive(id, keeps_alive));
  return 1;
}
int py_unref(lua_State* L) { return set_keeps_alive(L, false); }
int py_ref(lua_State* L) { return set_keeps_alive(L, true); }

// _PY.on_exit(fn): fn runs before the process ends, whatever ends it
// (normal end, os.exit, uncaught errors, SIGINT/SIGTERM). For flushing.
int py_on_exit(lua_State* L) {
  lua::check_callable(L, 1);
  lua_settop(L, 1);
  Runtime::push_lua_exit_hooks(L);
  lua_insert(L, 1);
  lua_rawseti(L, 1, static_cast<lua_Integer>(lua_rawlen(L, 1)) + 1);
  return 0;
}

int py_not_available(lua_State* L) {
  return luaL_error(L, "_PY.%s is not available in plua", lua_tostring(L, lua_upvalueindex(1)));
}

void push_config(lua_State* L, const Runtime& rt) {
  lua_createtable(L, 0, 5);
  char buffer[4096];
  size_t size = sizeof buffer;
  if (uv_cwd(buffer, &size) == 0) {
    lua_pushlstring(L, buffer, size);
    lua_setfield(L, -2, "cwd");
  }
  size = sizeof buffer;
  if (uv_os_homedir(buffer, &size) == 0) {
    lua_pushlstring(L, buffer, size);
    lua_setfield(L, -2, "homedir");
  }
  lua_pushstring(L, kVersion);
  lua_setfield(L, -2, "version");
  lua_pushnumber(L, rt.options().run_for.value_or(0));
  lua_setfield(L, -2, "runFor");
}

// _PY.read_file / _PY.write_file live in plua.py_files, loaded the first
// time either name is looked up (start-up compiles nothing for them):
// _PY's __index requires the module and stores both functions in _PY, so
// scripts call the Lua functions themselves and argument errors blame the
// script's line. Stack: _PY, key -> value.
int py_lazy_index(lua_State* L) {
  const char* key = lua_tostring(L, 2);
  if (key == nullptr || (std::strcmp(key, "read_file") != 0 && std::strcmp(key, "write_file") != 0)) return 0;
  lua_getglobal(L, "require");
  lua_pushliteral(L, "plua.py_files");
  lua_call(L, 1, 1);
  for (const char* name : {"read_file", "write_file"}) {
    lua_getfield(L, -1, name);
    lua_setfield(L, 1, name);
  }
  lua_pushvalue(L, 2);
  lua_rawget(L, 1);
  return 1;
}

}  // namespace

void install_py_api(lua_State* L) {
  static const luaL_Reg functions[] = {
      {"sleep", &py_sleep},
      {"get_time", &py_get_time},
      {"milli_time", &py_milli_time},
      {"file_exists", &py_file_exists},
      {"get_platform", &py_get_platform},
      {"getPendingCallbackCount", &py_pending_callbacks},
      {"getRunningIntervalsCount", &py_running_intervals},
      {"stats", &py_stats},
      {"pending", &py_pending},
      {"unref", &py_unref},
      {"ref", &py_ref},
      {"on_exit", &py_on_exit},
      {nullptr, nullptr},
  };
  lua_newtable(L);
  luaL_setfuncs(L, functions, 0);
  for (const char* name : {"setTimeout", "clearTimeout", "setInterval", "clearInterval"}) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
  for (const char* name : {"loadPythonModule", "pythonTimer", "openBrowser", "openWindow"}) {
    lua_pushstring(L, name);
    lua_pushcclosure(L, &py_not_available, 1);
    lua_setfield(L, -2, name);
  }
  push_config(L, runtime_of(L));
  lua_setfield(L, -2, "config");
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &py_lazy_index);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_setglobal(L, "_PY");
}

namespace {

// os.exit([code [, close]]): like lua5.4's, but flushes plua's queues
// first; with close, the state is closed as lua5.4 closes it.
int os_exit(lua_State* L) {
  int code = EXIT_SUCCESS;
  if (lua_isboolean(L, 1)) {
    code = lua_toboolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  } else {
    code = static_cast<int>(luaL_optinteger(L, 1, EXIT_SUCCESS));
  }
  runtime_of(L).exit_now(L, code, lua_toboolean(L, 2) != 0);
}

// os.time() and os.date(format) read the run's clock when it is not the
// system's (virtual, or pinned to a start time); with a time argument, and
// otherwise, they are lua5.4's own (upvalue 1).
int call_lua_original(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

lua_Integer clock_seconds(const Clock& clock) { return static_cast<lua_Integer>(std::floor(clock.wall_seconds())); }

int os_time(lua_State* L) {
  const Clock& clock = runtime_of(L).clock();
  if (!lua_isnoneornil(L, 1) || !clock.altered()) return call_lua_original(L);
  lua_pushinteger(L, clock_seconds(clock));
  return 1;
}

int os_date(lua_State* L) {
  const Clock& clock = runtime_of(L).clock();
  if (lua_isnoneornil(L, 2) && clock.altered()) {
    lua_settop(L, 1);
    lua_pushinteger(L, clock_seconds(clock));
  }
  return call_lua_original(L);
}

}  // namespace

void install_os_overrides(lua_State* L) {
  lua_getglobal(L, "os");
  lua_pushcfunction(L, &os_exit);
  lua_setfield(L, -2, "exit");
  lua_getfield(L, -1, "time");
  lua_pushcclosure(L, &os_time, 1);
  lua_setfield(L, -2, "time");
  lua_getfield(L, -1, "date");
  lua_pushcclosure(L, &os_date, 1);
  lua_setfield(L, -2, "date");
  lua_pop(L, 1);
}

}  // namespace plua::runtime
