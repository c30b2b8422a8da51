// require("plua.fibaro.tasks"): post(fn, kind [, defined_by]) runs fn as its
// own task, queued like a timer callback, but labelled for what it is
// (QuickApp:onInit, a fibaro.call action, a UI callback), so that an error
// in it names the place in the script that asked for it: the script line
// that called into the emulation (as for timers, SourceNames::caller_of),
// or where `defined_by` is defined.

#include <lua.hpp>

#include "lua/guard.hpp"
#include "runtime.hpp"

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
  } else {
    origin = rt.sources().caller_of(L);
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
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, &tasks_post);
  lua_setfield(L, -2, "post");
  lua_pushcfunction(L, &tasks_own);
  lua_setfield(L, -2, "own");
  return 1;
}

}  // namespace plua::stdlib
