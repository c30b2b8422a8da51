// require("plua.fibaro.copy"): copy(v), the model's deep copy (model.copy):
// every GET of the REST API copies what it answers, so it is C. Tables are
// made at their final size (no rehash on the way); a table met twice is
// copied once, so shared and cyclic parts stay shared and cyclic;
// metatables are not copied. Plain C API, nothing with a destructor: any
// raise (memory) is safe.

#include <lua.hpp>

namespace plua::stdlib {

namespace {

constexpr int kMaxDepth = 500;

// [-0, +1] A copy of the value at absolute index `idx`; `seen` (absolute)
// maps each table met to its copy.
void push_copy(lua_State* L, int idx, int seen, int depth) {
  if (lua_type(L, idx) != LUA_TTABLE) {
    lua_pushvalue(L, idx);
    return;
  }
  lua_pushvalue(L, idx);
  if (lua_rawget(L, seen) != LUA_TNIL) return;  // met before: the same copy
  lua_pop(L, 1);
  if (depth > kMaxDepth) luaL_error(L, "copy: tables nested deeper than %d", kMaxDepth);
  luaL_checkstack(L, 8, "copy: tables nested too deep");
  const auto length = static_cast<int>(lua_rawlen(L, idx));
  int entries = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    ++entries;
  }
  lua_createtable(L, length, entries > length ? entries - length : 0);
  const int out = lua_gettop(L);
  lua_pushvalue(L, idx);
  lua_pushvalue(L, out);
  lua_rawset(L, seen);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    const int value = lua_gettop(L);
    push_copy(L, value - 1, seen, depth + 1);
    push_copy(L, value, seen, depth + 1);
    lua_rawset(L, out);
    lua_pop(L, 1);
  }
}

int copy(lua_State* L) {
  lua_settop(L, 1);
  if (lua_type(L, 1) != LUA_TTABLE) return 1;
  lua_createtable(L, 0, 4);  // seen
  push_copy(L, 1, 2, 0);
  return 1;
}

}  // namespace

int open_fibaro_copy(lua_State* L) {
  lua_pushcfunction(L, &copy);
  return 1;
}

}  // namespace plua::stdlib
