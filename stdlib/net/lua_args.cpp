#include "net/lua_args.hpp"

namespace plua::stdlib::net {

int field_error(lua_State* L, int arg, const char* field, const char* expected, int idx) {
  return luaL_argerror(L, arg, lua_pushfstring(L, "%s must be %s, got %s", field, expected, luaL_typename(L, idx)));
}

long pop_timeout(lua_State* L, int arg, const char* field) {
  long ms = 0;
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TNUMBER) field_error(L, arg, field, "a number of milliseconds", -1);
    const lua_Number n = lua_tonumber(L, -1);
    if (!(n >= 1)) {
      luaL_argerror(L, arg, lua_pushfstring(L, "%s must be at least 1 ms", field));
    }
    ms = static_cast<long>(n < kMaxTimeoutMs ? n : kMaxTimeoutMs);
  }
  lua_pop(L, 1);
  return ms;
}

void check_callback(lua_State* L, int arg, const char* field) {
  if (lua_isnil(L, -1) || lua_type(L, -1) == LUA_TFUNCTION) return;
  if (luaL_getmetafield(L, -1, "__call") != LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  field_error(L, arg, field, "a function", -1);
}

}  // namespace plua::stdlib::net
