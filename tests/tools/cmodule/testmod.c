/* A tiny Lua C module for the golden test that loads one through
   LUA_CPATH: proves plua exposes the Lua C API to modules. */
#include <lauxlib.h>
#include <lua.h>

static int add(lua_State *L) {
  lua_pushinteger(L, luaL_checkinteger(L, 1) + luaL_checkinteger(L, 2));
  return 1;
}

static int version(lua_State *L) {
  lua_pushstring(L, LUA_RELEASE);
  return 1;
}

int luaopen_testmod(lua_State *L) {
  static const luaL_Reg functions[] = {{"add", add}, {"version", version}, {NULL, NULL}};
  luaL_newlib(L, functions);
  return 1;
}
