// require("plua.fibaro.headers"): parse(text, file) reads a QuickApp's
// `--%%` headers as the start-up does, for QuickApps installed while a run
// goes on (the QuickApp test helper). Returns the description table
// plua.fibaro builds devices from, plus a list of warnings; or nil and the
// error ("file:line: header 'x' expects ...").

#include <lua.hpp>

#include <new>
#include <string>

#include "fibaro/boot/fibaro_boot.hpp"
#include "fibaro/boot/headers.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib::fibaro {

namespace {

// Lua-owned (a full userdata with __gc), so a memory error while the
// result table is built skips no destructor.
struct Parsed {
  Headers headers;
  std::string file;
  std::string name;
  std::string error;
};

int parsed_gc(lua_State* L) {
  static_cast<Parsed*>(lua_touserdata(L, 1))->~Parsed();
  return 0;
}

// The C++ part, raising nothing: false if memory ran out.
bool parse_into(Parsed& p, std::string_view text, const char* file, bool& ok) noexcept {
  try {
    p.file = file;
    p.name = default_name(p.file);
    ok = parse_headers(text, p.file, p.headers, p.error);
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

int headers_parse(lua_State* L) {
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  const char* file = luaL_checkstring(L, 2);
  void* memory = lua_newuserdatauv(L, sizeof(Parsed), 0);
  auto* parsed = new (memory) Parsed{};
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &parsed_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  bool ok = false;
  if (!parse_into(*parsed, std::string_view(text, len), file, ok)) lua::raise_out_of_memory(L);
  if (!ok) {
    luaL_pushfail(L);
    lua_pushlstring(L, parsed->error.data(), parsed->error.size());
    return 2;
  }
  push_quickapp(L, parsed->headers, parsed->file, parsed->name);
  lua_createtable(L, static_cast<int>(parsed->headers.warnings.size()), 0);
  for (std::size_t i = 0; i < parsed->headers.warnings.size(); ++i) {
    const std::string& w = parsed->headers.warnings[i];
    lua_pushlstring(L, w.data(), w.size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  return 2;
}

}  // namespace

int open_fibaro_headers(lua_State* L) {
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &headers_parse);
  lua_setfield(L, -2, "parse");
  return 1;
}

}  // namespace plua::stdlib::fibaro
