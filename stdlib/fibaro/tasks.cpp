// require("plua.fibaro.tasks"): post(fn, kind [, defined_by]) runs fn as its
// own task, queued like a timer callback, but labelled for what it is
// (QuickApp:onInit, a fibaro.call action, a UI callback), so that an error
// in it names the place in the script that asked for it: the script line
// that called into the emulation (as for timers, SourceNames::caller_of),
// or where `defined_by` is defined; defined_by = false: nowhere (a request
// to the REST server, which no script line made).
// suspend(waiter) / resume(waiter): the running coroutine waits, as in
// _PY.sleep but with no timer, until something (an HTTP callback) resumes
// it; that is how api.get waits for a real HC3 without blocking the loop.

#include <lua.hpp>

#include "lua/guard.hpp"
#include "runtime.hpp"
#include "tasks/scheduler.hpp"
#include "tasks/task_pool.hpp"

namespace plua::stdlib {

namespace {

constexpr const char* kKinds[] = {"onInit", "action", "ui", "event", nullptr};
constexpr const char* kLabels[] = {"QuickApp:onInit", "a fibaro.call action", "a UI callback",
                                   "a RefreshStateSubscriber handler"};

// C++ that may throw stays out of the Lua-facing frame (errors are longjmps).
bool intern_definition(runtime::Runtime& rt, const lua_Debug& ar, runtime::Origin& origin) noexcept {
  try {
    origin = runtime::Origin{rt.sources().intern(ar.short_src), static_cast<std::uint32_t>(ar.linedefined)};
    return true;
  } catch (...) {
    return false;
  }
}

// The job: pushes the function (its registry ref is `arg`) and lets go of
// the ref; it runs with no arguments.
int run_function(lua_State* L, void*, std::uint64_t ref) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, static_cast<int>(ref));
  luaL_unref(L, LUA_REGISTRYINDEX, static_cast<int>(ref));
  return 0;
}

bool post_function(runtime::Runtime& rt, int ref, const runtime::TaskLabel& label) noexcept {
  try {
    rt.scheduler().post(runtime::Job{&run_function, nullptr, static_cast<std::uint64_t>(ref), label});
    return true;
  } catch (...) {
    return false;
  }
}

int tasks_post(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  const int kind = luaL_checkoption(L, 2, nullptr, kKinds);
  auto& rt = runtime::runtime_of(L);
  runtime::Origin origin{};
  if (lua_type(L, 3) == LUA_TFUNCTION) {
    lua_Debug ar;
    lua_pushvalue(L, 3);
    if (lua_getinfo(L, ">S", &ar) != 0 && ar.linedefined > 0 && !intern_definition(rt, ar, origin)) {
      lua::raise_out_of_memory(L);
    }
  } else if (!(lua_isboolean(L, 3) && lua_toboolean(L, 3) == 0)) {
    origin = rt.sources().caller_of(L);  // false: no script asked for it (a REST request)
  }
  lua_settop(L, 1);
  const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, origin, kLabels[kind]};
  if (!post_function(rt, ref, label)) {
    luaL_unref(L, LUA_REGISTRYINDEX, ref);
    lua::raise_out_of_memory(L);
  }
  return 0;
}

// tasks.suspend(waiter): the caller checked that the coroutine can yield.
// Records in `waiter` how to resume it (a pooled task by its ref; a
// script's own coroutine by a registry ref that anchors it), then yields
// as _PY.sleep does, so that the yield is not taken for a bare one.
int tasks_suspend(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isyieldable(L)) return luaL_error(L, "cannot suspend here (called across a C boundary)");
  runtime::ThreadContext* context = runtime::context_of(L);
  if (context->task != nullptr && context->task->thread == L) {
    const runtime::TaskRef ref = runtime::TaskPool::ref_of(*context->task);
    lua_pushinteger(L, static_cast<lua_Integer>(ref.serial));
    lua_setfield(L, 1, "serial");
    lua_pushinteger(L, static_cast<lua_Integer>(ref.slot));
    lua_setfield(L, 1, "slot");
  } else {
    // resumed early by the script itself and suspended again: one ref only
    if (lua_getfield(L, 1, "ref") == LUA_TNUMBER) luaL_unref(L, LUA_REGISTRYINDEX, static_cast<int>(lua_tointeger(L, -1)));
    lua_pop(L, 1);
    lua_pushthread(L);
    const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushinteger(L, ref);
    lua_setfield(L, 1, "ref");
  }
  context->runtime->scheduler().note_sleep(L);
  return lua_yield(L, 0);
}

bool enqueue_task(runtime::Runtime& rt, runtime::TaskRef ref) noexcept {
  try {
    rt.scheduler().enqueue_resume(ref);
    return true;
  } catch (...) {
    return false;
  }
}

bool enqueue_coroutine(runtime::Runtime& rt, int ref) noexcept {
  try {
    rt.scheduler().enqueue_resume_coroutine(ref);
    return true;
  } catch (...) {
    return false;
  }
}

// tasks.resume(waiter): queues the resumption of what suspend(waiter)
// suspended (once: the record is cleared). A task that ended meanwhile is
// a stale wake-up the scheduler ignores.
int tasks_resume(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  auto& rt = runtime::runtime_of(L);
  lua_getfield(L, 1, "serial");
  lua_getfield(L, 1, "slot");
  lua_getfield(L, 1, "ref");
  const lua_Integer serial = lua_tointeger(L, -3), slot = lua_tointeger(L, -2), ref = lua_tointeger(L, -1);
  const bool is_task = lua_isinteger(L, -3) != 0, is_coroutine = lua_isinteger(L, -1) != 0;
  lua_pop(L, 3);
  for (const char* key : {"serial", "slot", "ref"}) {
    lua_pushnil(L);
    lua_setfield(L, 1, key);
  }
  bool ok = true;
  if (is_task) {
    ok = enqueue_task(rt, runtime::TaskRef{static_cast<std::uint64_t>(serial), static_cast<std::uint32_t>(slot)});
  } else if (is_coroutine) {
    ok = enqueue_coroutine(rt, static_cast<int>(ref));  // the ref moves to the queue
    if (!ok) luaL_unref(L, LUA_REGISTRYINDEX, static_cast<int>(ref));
  }
  if (!ok) lua::raise_out_of_memory(L);
  lua_pushboolean(L, is_task || is_coroutine);
  return 1;
}

// own(chunkname, tag): errors raised in that chunk's code name the
// QuickApp's tag (SourceNames::set_owner).
bool set_owner(runtime::Runtime& rt, const char* chunkname, const char* tag) noexcept {
  try {
    rt.sources().set_owner(chunkname, tag);
    return true;
  } catch (...) {
    return false;
  }
}

int tasks_own(lua_State* L) {
  const char* chunkname = luaL_checkstring(L, 1);
  const char* tag = luaL_checkstring(L, 2);
  if (!set_owner(runtime::runtime_of(L), chunkname, tag)) lua::raise_out_of_memory(L);
  return 0;
}

}  // namespace

int open_fibaro_tasks(lua_State* L) {
  lua_createtable(L, 0, 4);
  lua_pushcfunction(L, &tasks_post);
  lua_setfield(L, -2, "post");
  lua_pushcfunction(L, &tasks_suspend);
  lua_setfield(L, -2, "suspend");
  lua_pushcfunction(L, &tasks_resume);
  lua_setfield(L, -2, "resume");
  lua_pushcfunction(L, &tasks_own);
  lua_setfield(L, -2, "own");
  return 1;
}

}  // namespace plua::stdlib
