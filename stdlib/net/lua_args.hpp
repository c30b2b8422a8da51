#pragma once
// Argument checks shared by net.HTTPClient and the sockets, so that both
// word their errors the same way. Each may raise a Lua error.

#include <lua.hpp>

namespace plua::stdlib::net {

// About 24 days: libcurl takes a long, and nothing sane waits longer.
inline constexpr lua_Number kMaxTimeoutMs = 2147483647.0;

// "bad argument #arg to 'f' (field must be expected, got <type of idx>)".
int field_error(lua_State* L, int arg, const char* field, const char* expected, int idx);

// [-1, +0] A timeout in ms from the top value: nil gives 0 (not set); at
// least 1 ms, capped at kMaxTimeoutMs.
long pop_timeout(lua_State* L, int arg, const char* field);

// [-0, +0] The top value must be nil or callable (a function or a value
// with __call).
void check_callback(lua_State* L, int arg, const char* field);

}  // namespace plua::stdlib::net
