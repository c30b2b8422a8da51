// require("plua.clock"): the run's clock from Lua (timers/clock.hpp), for
// the rooms that set it up from their own settings (a QuickApp's `time`
// and `speed` headers) and for test helpers that run time virtually.
//   clock.pin(time)        the wall clock reads `time` now (epoch seconds or
//                          parse_start_time's text); nil, message if unreadable
//   clock.run_virtual([h]) the clock is virtual from now on; with h, the run
//                          stops after h hours of it (the first call wins)
//   clock.is_virtual()

#include <lua.hpp>

#include "host/api.hpp"
#include "runtime.hpp"

namespace plua::runtime {

namespace {

int clock_pin(lua_State* L) {
  std::optional<double> start;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    start = lua_tonumber(L, 1);
  } else {
    start = parse_start_time(luaL_checkstring(L, 1));
  }
  if (!start) {
    luaL_pushfail(L);
    lua_pushfstring(L, "cannot read '%s' as a date/time (%s)", lua_tostring(L, 1), kStartTimeForms);
    return 2;
  }
  runtime_of(L).clock().pin(*start);
  lua_pushboolean(L, 1);
  return 1;
}

int clock_run_virtual(lua_State* L) {
  std::optional<double> hours;
  if (!lua_isnoneornil(L, 1)) {
    const lua_Number h = luaL_checknumber(L, 1);
    luaL_argcheck(L, h > 0, 1, "hours above 0 expected");
    hours = h;
  }
  runtime_of(L).run_virtual(hours);
  return 0;
}

int clock_is_virtual(lua_State* L) {
  lua_pushboolean(L, runtime_of(L).clock().is_virtual());
  return 1;
}

}  // namespace

int open_clock(lua_State* L) {
  static const luaL_Reg functions[] = {
      {"pin", &clock_pin},
      {"run_virtual", &clock_run_virtual},
      {"is_virtual", &clock_is_virtual},
      {nullptr, nullptr},
  };
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace plua::runtime
