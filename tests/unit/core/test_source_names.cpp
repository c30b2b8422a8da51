// SourceNames on its own, with a bare lua_State: interning, describing an
// origin, and caller_of, which names the script line that called into C
// (walking past frames of bundled modules).

#include <catch2/catch.hpp>

#include <string>

#include "host/source_names.hpp"
#include "lua/state.hpp"

using plua::runtime::Origin;
using plua::runtime::SourceNames;

namespace {

// where(): "source:line" of its caller, as setTimeout records it.
int where(lua_State* L) {
  auto* names = static_cast<SourceNames*>(lua_touserdata(L, lua_upvalueindex(1)));
  const Origin origin = names->caller_of(L);
  lua_pushfstring(L, "%s:%d", names->c_name(origin.source), static_cast<int>(origin.line));
  return 1;
}

struct Fixture {
  plua::lua::StatePtr state{luaL_newstate()};
  lua_State* L = state.get();
  SourceNames names;
  Fixture() {
    luaL_openlibs(L);
    names.anchor_slot(L);
    lua_pushlightuserdata(L, &names);
    lua_pushcclosure(L, &where, 1);
    lua_setglobal(L, "where");
  }
  // Loads `code` as chunk `name` ("=name": shown as is), runs it and
  // returns its first result.
  std::string run(const char* name, const char* code) {
    REQUIRE(luaL_loadbuffer(L, code, std::char_traits<char>::length(code), name) == LUA_OK);
    REQUIRE(lua_pcall(L, 0, 1, 0) == LUA_OK);
    std::string out = lua_isstring(L, -1) ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    return out;
  }
};

}  // namespace

TEST_CASE("intern gives one index per chunk name; 0 is unknown") {
  SourceNames names;
  const auto a = names.intern("a.lua");
  const auto b = names.intern("b.lua");
  REQUIRE(a != 0);
  REQUIRE(b != 0);
  REQUIRE(a != b);
  REQUIRE(names.intern("a.lua") == a);
  REQUIRE(names.intern("b.lua") == b);
  REQUIRE(names.name(a) == "a.lua");
  REQUIRE(names.name(0) == "?");
  REQUIRE(names.name(1000) == "?");  // out of range: unknown, not a crash
}

TEST_CASE("describe names file and line, or ? when unknown") {
  SourceNames names;
  const auto a = names.intern("app.lua");
  REQUIRE(names.describe(Origin{a, 12}) == "app.lua:12");
  REQUIRE(names.describe(Origin{0, 12}) == "?");
}

TEST_CASE("chunks of bundled modules are told apart by their [plua] prefix") {
  SourceNames names;
  REQUIRE(names.bundled(names.intern("[plua]/lual.lua")));
  REQUIRE_FALSE(names.bundled(names.intern("plua.lua")));
  REQUIRE_FALSE(names.bundled(0));
}

TEST_CASE("caller_of gives the calling line; the cache keeps only the function's source") {
  Fixture f;
  REQUIRE(f.run("=script.lua", "\n\nreturn where()") == "script.lua:3");
  // The same function calling from two lines: the line is never cached.
  REQUIRE(f.run("=loop.lua", "local out = {}\nfor i = 1, 2 do\n  out[i] = i == 1 and where()\n    or where()\nend\n"
                             "return out[1] .. ' ' .. out[2]") == "loop.lua:3 loop.lua:4");
  // Alternating callers: each gets its own source.
  REQUIRE(f.run("=a.lua", "return where()") == "a.lua:1");
  REQUIRE(f.run("=b.lua", "\nreturn where()") == "b.lua:2");
  REQUIRE(f.run("=a.lua", "\n\nreturn where()") == "a.lua:3");
}

TEST_CASE("caller_of walks past bundled frames to the script line that called into them") {
  Fixture f;
  // A bundled module wrapping where() (as a module wraps setTimeout).
  // (No tail calls: a tail call leaves no frame of its caller to find.)
  f.run("=[plua]/wrap.lua", "local where = where\nfunction wrapped()\n  local at = where()\n  return at\nend\n"
                            "function twice() local at = wrapped() return at end");
  REQUIRE(f.run("=qa.lua", "\n\n\nlocal at = wrapped() return at") == "qa.lua:4");
  REQUIRE(f.run("=qa.lua", "\nlocal at = twice() return at") == "qa.lua:2");
  // No script frame above it: the module's own line.
  lua_getglobal(f.L, "wrapped");
  REQUIRE(lua_pcall(f.L, 0, 1, 0) == LUA_OK);
  REQUIRE(std::string(lua_tostring(f.L, -1)) == "[plua]/wrap.lua:3");
  lua_pop(f.L, 1);
}
