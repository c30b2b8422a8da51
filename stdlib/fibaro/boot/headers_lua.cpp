// require("plua.fibaro.headers"): the --%% header parser for Lua code (the
// HC3 tools pack a QuickApp from its headers), the same one the boot uses.

#include <lua.hpp>

#include <new>
#include <string>

#include "fibaro/boot/fibaro_boot.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib::fibaro {

namespace {

// Lives in a userdata, so that a raise while the result is pushed skips
// no destructor: the GC runs it.
struct Parsed {
  Headers headers;
  std::string file, name, error;
  bool ok = false;
};

int parsed_gc(lua_State* L) {
  static_cast<Parsed*>(lua_touserdata(L, 1))->~Parsed();
  return 0;
}

int headers_parse(lua_State* L) {
  std::size_t length = 0;
  const char* text = luaL_checklstring(L, 1, &length);
  const char* file = luaL_checkstring(L, 2);
  const char* name = luaL_optstring(L, 3, nullptr);  // default: the boot's, from the file name
  void* memory = lua_newuserdatauv(L, sizeof(Parsed), 0);
  if (luaL_newmetatable(L, "plua.fibaro.parsed_headers") != 0) {
    lua_pushcfunction(L, &parsed_gc);
    lua_setfield(L, -2, "__gc");
  }
  Parsed* parsed = new (memory) Parsed{};  // empty: allocates nothing
  lua_setmetatable(L, -2);
  lua::after_cpp(L, [&]() -> lua::Outcome {
    parsed->file = file;
    parsed->name = name != nullptr ? std::string(name) : default_name(parsed->file);
    parsed->ok = parse_headers(std::string_view(text, length), parsed->file, parsed->headers, parsed->error);
    return lua::pushed(0);
  });
  if (!parsed->ok) {
    lua_pushnil(L);
    lua_pushlstring(L, parsed->error.data(), parsed->error.size());
    return 2;
  }
  push_quickapp(L, parsed->headers, parsed->file, parsed->name);
  const auto& warnings = parsed->headers.warnings;
  lua_createtable(L, static_cast<int>(warnings.size()), 0);
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    lua_pushlstring(L, warnings[i].data(), warnings[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "warnings");
  lua_pushinteger(L, parsed->headers.lines);
  lua_setfield(L, -2, "header_lines");
  return 1;
}

}  // namespace

int open_fibaro_headers(lua_State* L) {
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &headers_parse);
  lua_setfield(L, -2, "parse");
  return 1;
}

}  // namespace plua::stdlib::fibaro
