#pragma once
// json.decode: a recursive-descent parser that builds the Lua tables as it
// reads, no document in between. Strings without escapes go from the text
// to lua_pushlstring directly; numbers without a fraction or exponent that
// fit 64 bits are Lua integers, others doubles (std::from_chars, exact).
//
// Errors carry line, column and byte (1-based) in the words nlohmann-json
// used, which plua's messages kept: "parse error at line 1, column 6:
// syntax error while parsing array - unexpected end of input; expected ']'
// (byte 6)". Lua errors are longjmps: every frame holds only trivially
// destructible locals.

#include <lua.hpp>

namespace plua::stdlib::json {

// Deepest nesting of arrays and objects decode accepts.
inline constexpr int kMaxDecodeDepth = 1000;

// [-0, +1] The body of json.decode: parses argument 1 and pushes the value.
int decode(lua_State* L);

}  // namespace plua::stdlib::json
