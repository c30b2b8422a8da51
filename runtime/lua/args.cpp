#include "lua/args.hpp"

#include <cmath>

namespace plua::lua {

void check_callable(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TFUNCTION) return;
  if (luaL_getmetafield(L, arg, "__call") != LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  luaL_typeerror(L, arg, "function");
}

namespace {

std::uint64_t number_to_ms(double ms) {
  if (std::isnan(ms) || ms <= 0) return 0;
  // Anything this large is "never" in practice (beyond 2^53 ms, 285,000 years).
  if (ms >= 9007199254740992.0) return kNeverMs;
  return static_cast<std::uint64_t>(ms);
}

}  // namespace

std::uint64_t opt_delay_ms(lua_State* L, int arg) {
  switch (lua_type(L, arg)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return 0;
    case LUA_TNUMBER:
      return number_to_ms(lua_tonumber(L, arg));
    default:
      luaL_typeerror(L, arg, "number");
      return 0;
  }
}

std::uint64_t check_seconds_as_ms(lua_State* L, int arg) {
  switch (lua_type(L, arg)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return 0;
    case LUA_TNUMBER: {
      const double s = lua_tonumber(L, arg);
      if (std::isnan(s) || s <= 0) return 0;
      return number_to_ms(s * 1000.0);
    }
    default:
      luaL_typeerror(L, arg, "number");
      return 0;
  }
}

std::uint64_t opt_timer_id(lua_State* L, int arg) {
  switch (lua_type(L, arg)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return 0;
    case LUA_TNUMBER: {
      lua_Integer id = 0;
      if (lua_isinteger(L, arg)) {
        id = lua_tointeger(L, arg);
      } else {
        const double d = lua_tonumber(L, arg);
        if (!(d >= 1 && d < 9007199254740992.0) || std::floor(d) != d) return 0;
        id = static_cast<lua_Integer>(d);
      }
      return id >= 1 ? static_cast<std::uint64_t>(id) : 0;
    }
    default:
      luaL_typeerror(L, arg, "timer id");
      return 0;
  }
}

}  // namespace plua::lua
