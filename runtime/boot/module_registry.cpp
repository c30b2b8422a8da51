#include "boot/module_registry.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "host/api.hpp"
#include "lua/guard.hpp"
#include "runtime.hpp"

namespace plua::runtime {

namespace {

// PLUA_BUNDLED=0 turns the bundled modules off, so that copies on
// package.path are used instead.
bool bundled_enabled() {
  const char* env = std::getenv("PLUA_BUNDLED");
  return env == nullptr || std::strcmp(env, "0") != 0;
}

// A file for `name` on package.path is shadowed by the bundled module:
// say so once rather than silently.
void warn_if_shadowing(lua_State* L, const char* name) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchpath");
  lua_pushstring(L, name);
  lua_getfield(L, -3, "path");
  lua_call(L, 2, 1);
  if (const char* path = lua_tostring(L, -1)) {
    Diagnostics& diagnostics = runtime_of(L).diagnostics();
    lua::after_cpp(L, [&] {
      diagnostics.warn_once(fmt::format("shadow:{}", name),
                            fmt::format("require(\"{}\") loads plua's bundled module; {} on package.path is not "
                                        "used (set PLUA_BUNDLED=0 to use it)",
                                        name, path));
      return lua::pushed(0);
    });
  }
  lua_pop(L, 2);
}

// [-0, +2] The loader of `m` and its chunk name, for require.
int push_loader(lua_State* L, const BundledModule& m) {
  warn_if_shadowing(L, m.name);
  lua_pushfstring(L, "@[plua]/%s", m.file);
  const char* chunkname = lua_tostring(L, -1);
  if (luaL_loadbufferx(L, reinterpret_cast<const char*>(m.source), m.size, chunkname, "t") != LUA_OK) {
    return luaL_error(L, "error loading bundled module '%s':\n\t%s", m.name, lua_tostring(L, -1));
  }
  lua_pushstring(L, chunkname + 1);
  return 2;
}

// package.searchers entry: returns a loader and "[bundled]/file" for a
// bundled module, or nothing: require's "module not found" message stays
// exactly lua5.4's. The core's own modules are part of plua and always found.
int bundled_searcher(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  for (const BundledModule& m : core_modules()) {
    if (std::strcmp(m.name, name) == 0) return push_loader(L, m);
  }
  if (std::strcmp(name, "plua.clock") == 0) {
    lua_pushcfunction(L, &open_clock);
    lua_pushliteral(L, "[plua]");
    return 2;
  }
  if (!bundled_enabled()) return 0;
  const Extensions& extensions = runtime_of(L).extensions();
  for (const BundledCModule& m : extensions.c_modules) {
    if (std::strcmp(m.name, name) != 0) continue;
    lua_pushcfunction(L, m.open);
    lua_pushliteral(L, "[plua]");
    return 2;
  }
  for (const BundledModule& m : extensions.modules) {
    if (std::strcmp(m.name, name) == 0) return push_loader(L, m);
  }
  return 0;
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
