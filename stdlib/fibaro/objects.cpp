// require("plua.fibaro.objects"): new(metatable) -> an empty full userdata
// with that metatable. The HC3 makes `class` instances in C++ (type() says
// "userdata"); class.lua gives its instances this shape, their fields kept
// in a Lua table the metatable reaches.

#include <lua.hpp>

namespace plua::stdlib {

namespace {

int objects_new(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_newuserdatauv(L, 0, 0);
  lua_pushvalue(L, 1);
  lua_setmetatable(L, -2);
  return 1;
}

}  // namespace

int open_fibaro_objects(lua_State* L) {
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &objects_new);
  lua_setfield(L, -2, "new");
  return 1;
}

}  // namespace plua::stdlib
