#pragma once
// json.encode and its HC3 siblings: a Lua value straight from the stack
// into one growing buffer, no document in between.
//
// Lua errors are longjmps: the buffers belong to a userdata (kept between
// calls, freed by its __gc), and every frame of the walk holds only
// trivially destructible locals.

#include <lua.hpp>

namespace plua::stdlib::json {

struct EncodeStyle {
  bool sort_keys = true;  // object keys in byte order: the same text on every run
  bool pretty = false;    // newlines and two-space indents
};

// Deepest nesting of tables encode accepts.
inline constexpr int kMaxEncodeDepth = 1000;

// [-0, +0] Registers the metatable of the encoder's buffer userdata.
void register_encoder(lua_State* L);

// [-0, +1] The encoder json.encode & co. keep between calls (their upvalue 2).
void push_kept_encoder(lua_State* L);

// [-0, +1] The body of json.encode & co.: encodes argument 1 and pushes
// the text. Upvalue 1 of the calling C function is the json.initArray set,
// upvalue 2 the kept encoder.
int encode(lua_State* L, EncodeStyle style);

}  // namespace plua::stdlib::json
