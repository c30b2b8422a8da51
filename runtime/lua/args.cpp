#include "lua/args.hpp"

#include <cmath>

namespace plua::lua {

bool is_callable(lua_State* L, int idx) {
  if (lua_type(L, idx) == LUA_TFUNCTION) return true;
  if (luaL_getmetafield(L, idx, "__call") == LUA_TNIL) return false;
  lua_pop(L, 1);
  return true;
}

void check_callable_slow(lua_State* L, int arg) {
  if (!is_callable(L, arg)) luaL_typeerror(L, arg, "function");
}

int field_error(lua_State* L, int arg, const char* field, const char* expected, int idx) {
  return luaL_argerror(L, arg, lua_pushfstring(L, "%s must be %s, got %s", field, expected, luaL_typename(L, idx)));
}

void check_optional_callable_field(lua_State* L, int arg, const char* field) {
  if (!lua_isnil(L, -1) && !is_callable(L, -1)) field_error(L, arg, field, "a function", -1);
}

long pop_timeout_ms(lua_State* L, int arg, const char* field) {
  long ms = 0;
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TNUMBER) field_error(L, arg, field, "a number of milliseconds", -1);
    const lua_Number n = lua_tonumber(L, -1);
    if (!(n >= 1)) luaL_argerror(L, arg, lua_pushfstring(L, "%s must be at least 1 ms", field));
    ms = static_cast<long>(n < kMaxTimeoutMs ? n : kMaxTimeoutMs);
  }
  lua_pop(L, 1);
  return ms;
}

namespace {

std::uint64_t number_to_ms(double ms) {
  if (std::isnan(ms) || ms <= 0) return 0;
  // Anything this large is "never" in practice (beyond 2^53 ms, 285,000 years).
  if (ms >= 9007199254740992.0) return kNeverMs;
  return static_cast<std::uint64_t>(ms);
}

// nil/none: 0; a number: number_to_ms(n * ms_per_unit); else raises.
std::uint64_t opt_duration_ms(lua_State* L, int arg, double ms_per_unit) {
  switch (lua_type(L, arg)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return 0;
    case LUA_TNUMBER: {
      const double n = lua_tonumber(L, arg);
      return std::isnan(n) || n <= 0 ? 0 : number_to_ms(n * ms_per_unit);
    }
    default:
      luaL_typeerror(L, arg, "number");
      return 0;
  }
}

}  // namespace

std::uint64_t opt_delay_ms_any(lua_State* L, int arg) { return opt_duration_ms(L, arg, 1.0); }

std::uint64_t check_seconds_as_ms(lua_State* L, int arg) { return opt_duration_ms(L, arg, 1000.0); }

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
