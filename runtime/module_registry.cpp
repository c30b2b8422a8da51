#include "module_registry.hpp"

#include <cstring>

namespace plua::runtime {

namespace {

// package.searchers entry: returns a loader and "[bundled]/file" for a
// bundled module, or a message for require's "module not found" list.
int bundled_searcher(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  for (const BundledModule& m : bundled_modules()) {
    if (std::strcmp(m.name, name) != 0) continue;
    lua_pushfstring(L, "@[plua]/%s", m.file);
    const char* chunkname = lua_tostring(L, -1);
    if (luaL_loadbufferx(L, reinterpret_cast<const char*>(m.source), m.size, chunkname, "t") != LUA_OK) {
      return luaL_error(L, "error loading bundled module '%s':\n\t%s", name, lua_tostring(L, -1));
    }
    lua_pushstring(L, chunkname + 1);
    return 2;
  }
  lua_pushfstring(L, "no bundled module '%s'", name);
  return 1;
}

}  // namespace

void install_module_searcher(lua_State* L) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  // Shift entries 2..n up by one and put ours at 2 (after preload).
  const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = n; i >= 2; --i) {
    lua_rawgeti(L, -1, i);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushcfunction(L, &bundled_searcher);
  lua_rawseti(L, -2, 2);
  lua_pop(L, 2);
}

}  // namespace plua::runtime
