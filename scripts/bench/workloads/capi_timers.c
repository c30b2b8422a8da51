/* The least a timer library on Lua's C API can do, for the
 * timers_100k_closures reference row "closures_capi": reg(fn, delay)
 * stores the callback in a table under a new id (no deadline, no record,
 * no origin), runall() calls each once from C with lua_callk and drops it.
 * Built by scripts/bench/run with the system's compiler; not part of plua. */
#include <lauxlib.h>
#include <lua.h>

static lua_Integer next_id = 0;

static int reg(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  (void)luaL_optnumber(L, 2, 0);
  lua_settop(L, 1);
  lua_rawseti(L, lua_upvalueindex(1), ++next_id);
  lua_pushinteger(L, next_id);
  return 1;
}

static int runall(lua_State *L) {
  for (lua_Integer i = 1; i <= next_id; i++) {
    lua_rawgeti(L, lua_upvalueindex(1), i);
    lua_pushnil(L);
    lua_rawseti(L, lua_upvalueindex(1), i);
    lua_callk(L, 0, 0, 0, NULL);
  }
  return 0;
}

int luaopen_capi_timers(lua_State *L) {
  lua_newtable(L);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, reg, 1);
  lua_setfield(L, -3, "reg");
  lua_pushcclosure(L, runall, 1);
  lua_setfield(L, -2, "runall");
  return 1;
}
