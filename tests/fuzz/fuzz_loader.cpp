// libFuzzer target: the script loader. Any bytes go through the shebang/BOM
// handling and Lua's loader (text and binary chunks); a load error must
// come back as a message, never a crash.

#include <cstddef>
#include <cstdint>
#include <string>

#include "boot/errors.hpp"
#include "lua/state.hpp"
#include "boot/script_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static plua::lua::StatePtr state(luaL_newstate());
  lua_State* L = state.get();
  std::string text(reinterpret_cast<const char*>(data), size);
  plua::runtime::strip_script_prefixes(text);
  if (luaL_loadbufferx(L, text.data(), text.size(), "@fuzz.lua", "bt") == LUA_OK) {
    lua_pop(L, 1);
  } else {
    const std::string message = plua::runtime::pop_error_message(L);
    if (message.empty()) __builtin_trap();
  }
  if (lua_gettop(L) != 0) __builtin_trap();
  return 0;
}
