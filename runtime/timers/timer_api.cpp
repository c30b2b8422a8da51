// setTimeout / setInterval / clearTimeout / clearInterval. Thin
// lua_CFunctions: check arguments first (they may raise), then hand plain
// values to Timers, whose calls do not raise.

#include <lua.hpp>

#include "host/api.hpp"
#include "lua/args.hpp"
#include "lua/guard.hpp"
#include "runtime.hpp"

namespace plua::runtime {

namespace {

// Stack: fn, ms, extra args... -> id. Upvalue 1: the callbacks table
// (see timers.hpp), where the callback gets a slot of its own.
int add_timer(lua_State* L, Timers::Kind kind) {
  lua::check_callable(L, 1);
  std::uint64_t ms = lua::opt_delay_ms(L, 2);
  if (kind == Timers::Kind::Interval && ms == 0) ms = 1;  // an interval of 0 would starve the loop
  const int top = lua_gettop(L);
  const bool with_args = top > 2;
  if (with_args) {
    // {n, fn, arg1, ..., argn}
    const int n = top - 2;
    lua_createtable(L, n + 2, 0);
    lua_pushinteger(L, n);
    lua_rawseti(L, -2, 1);
    for (int i = 1; i <= top; ++i) {
      if (i == 2) continue;
      lua_pushvalue(L, i);
      lua_rawseti(L, -2, i == 1 ? 2 : i);
    }
  } else {
    lua_pushvalue(L, 1);
  }
  Runtime& rt = runtime_of(L);
  Timers& timers = rt.timers();
  const int slot = timers.take_slot();
  if (slot == 0) lua::raise_out_of_memory(L);
  lua_rawseti(L, lua_upvalueindex(1), slot);
  const TimerId id = timers.add(kind, rt.now(), ms, slot, with_args, rt.sources().caller_of(L));
  if (id == 0) lua::raise_out_of_memory(L);
  lua_pushinteger(L, static_cast<lua_Integer>(id));
  return 1;
}

int set_timeout(lua_State* L) { return add_timer(L, Timers::Kind::Timeout); }
int set_interval(lua_State* L) { return add_timer(L, Timers::Kind::Interval); }

// Stack: id -> (nothing). Unknown and nil ids are ignored.
int clear_timer(lua_State* L) {
  const TimerId id = lua::opt_timer_id(L, 1);
  if (id != 0) runtime_of(L).timers().clear(id);
  return 0;
}
// Two functions, not one registered twice, so that argument errors name
// the one the script called.
int clear_timeout(lua_State* L) { return clear_timer(L); }
int clear_interval(lua_State* L) { return clear_timer(L); }

}  // namespace

void install_timer_api(lua_State* L) {
  lua_newtable(L);  // the callbacks table, shared with Timers
  runtime_of(L).timers().set_callbacks(L);
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, &set_timeout, 1);
  lua_setglobal(L, "setTimeout");
  lua_pushcclosure(L, &set_interval, 1);
  lua_setglobal(L, "setInterval");
  lua_pushcfunction(L, &clear_timeout);
  lua_setglobal(L, "clearTimeout");
  lua_pushcfunction(L, &clear_interval);
  lua_setglobal(L, "clearInterval");
}

}  // namespace plua::runtime
