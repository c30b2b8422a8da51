// libFuzzer target: json.decode on any bytes, and for whatever it accepts
// the round trip: encode, encodeFast and encodeFormated must each give
// text that decodes to an equal value, and re-encoding that value must
// give the same text again (the rejected inputs must fail with a
// "json.decode: " message). A broken invariant traps.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "lua/state.hpp"
#include "boot/module_registry.hpp"

namespace plua::stdlib {
int open_json(lua_State* L);
}

namespace {

// Raises "INVARIANT: ..." when the round trip breaks; other errors (out of
// memory) are allowed. `same` walks both values without recursion, so a
// 1000-deep value does not hit Lua's C-call limit.
constexpr const char* kRoundTrip = R"lua(
local function same(a, b)
  local todo = { a, b }
  while #todo > 0 do
    local y, x = table.remove(todo), table.remove(todo)
    if x ~= y then
      if type(x) ~= "table" or type(y) ~= "table" then return false end
      for k, v in pairs(x) do todo[#todo + 1] = v; todo[#todo + 1] = y[k] end
      for k in pairs(y) do if x[k] == nil then return false end end
    end
  end
  return true
end
local function check(what, ok, value)
  if not ok then error("INVARIANT: " .. what .. " failed: " .. tostring(value), 0) end
  return value
end
function roundtrip(s)
  local ok, v = pcall(json.decode, s)
  if not ok then
    if type(v) ~= "string" or not (v:match("^json%.decode: ") or v:match("not enough memory")) then
      error("INVARIANT: unclear decode error: " .. tostring(v), 0)
    end
    return
  end
  local encoded, text = pcall(json.encode, v)
  -- 1e400 decodes to math.huge, which JSON cannot write back.
  if not encoded and tostring(text):match("infinite number") then return end
  check("encode of a decoded value", encoded, text)
  local back = check("decode of encode", pcall(json.decode, text))
  if not same(v, back) then error("INVARIANT: decode(encode(x)) ~= x for " .. text, 0) end
  if check("re-encode", pcall(json.encode, back)) ~= text then error("INVARIANT: re-encoding changed " .. text, 0) end
  for _, name in ipairs({ "encodeFast", "encodeFormated" }) do
    local other = check(name, pcall(json[name], v))
    if not same(v, check("decode of " .. name, pcall(json.decode, other))) then
      error("INVARIANT: decode(" .. name .. "(x)) ~= x for " .. other, 0)
    end
  end
end
)lua";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static plua::lua::StatePtr state = [] {
    plua::lua::StatePtr s(luaL_newstate());
    luaL_openlibs(s.get());
    luaL_requiref(s.get(), "json", &plua::stdlib::open_json, 1);
    lua_pop(s.get(), 1);
    if (luaL_dostring(s.get(), kRoundTrip) != LUA_OK) __builtin_trap();
    return s;
  }();
  lua_State* L = state.get();
  lua_getglobal(L, "roundtrip");
  lua_pushlstring(L, reinterpret_cast<const char*>(data), size);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    const char* message = lua_tostring(L, -1);
    if (message == nullptr) __builtin_trap();
    if (std::strncmp(message, "INVARIANT", 9) == 0) {
      std::fprintf(stderr, "json round-trip invariant broken: %s\n", message);
      __builtin_trap();
    }
  }
  lua_settop(L, 0);
  return 0;
}
