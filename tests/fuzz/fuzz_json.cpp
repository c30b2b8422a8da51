// libFuzzer target: json.decode on any bytes, and json.encode of whatever
// it returns; both either work or raise a Lua error, never crash.

#include <cstddef>
#include <cstdint>

#include "lua/state.hpp"
#include "boot/module_registry.hpp"

namespace plua::stdlib {
int open_json(lua_State* L);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static plua::lua::StatePtr state = [] {
    plua::lua::StatePtr s(luaL_newstate());
    luaL_openlibs(s.get());
    luaL_requiref(s.get(), "json", &plua::stdlib::open_json, 1);
    lua_pop(s.get(), 1);
    luaL_dostring(s.get(), "function roundtrip(s) local v = json.decode(s) return json.encode(v) end");
    return s;
  }();
  lua_State* L = state.get();
  lua_getglobal(L, "roundtrip");
  lua_pushlstring(L, reinterpret_cast<const char*>(data), size);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK && lua_type(L, -1) != LUA_TSTRING) __builtin_trap();
  lua_settop(L, 0);
  return 0;
}
