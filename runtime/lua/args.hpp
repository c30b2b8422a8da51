#pragma once
// The one family of argument helpers for plua's C++ API functions, built
// on luaL_argerror so that all messages have lua's shape:
//   bad argument #1 to 'setTimeout' (function expected, got nil)
//   bad argument #2 to 'request' (options.method must be a string, got number)
// They may raise Lua errors: call them first, before anything that owns
// a resource. (Lua code uses plua.args, runtime/host/args.lua.)

#include <lua.hpp>

#include <cstdint>

namespace plua::lua {

// Whether the value at idx is a function or has a __call metamethod.
bool is_callable(lua_State* L, int idx);

// Argument `arg` must be callable.
void check_callable_slow(lua_State* L, int arg);  // any value: check_callable's general case
inline void check_callable(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TFUNCTION) check_callable_slow(L, arg);
}

// For a field of a table argument: raises
// "bad argument #arg to 'f' (field must be expected, got <type of idx>)".
int field_error(lua_State* L, int arg, const char* field, const char* expected, int idx);

// [-0, +0] The top value (field `field` of argument `arg`) must be nil or
// callable.
void check_optional_callable_field(lua_State* L, int arg, const char* field);

// About 24 days: libcurl takes a long, and nothing sane waits longer.
inline constexpr lua_Number kMaxTimeoutMs = 2147483647.0;

// [-1, +0] A timeout in ms from the top value (field `field` of argument
// `arg`): nil gives 0 (not set); at least 1 ms, capped at kMaxTimeoutMs.
long pop_timeout_ms(lua_State* L, int arg, const char* field);

// Milliseconds for a timer delay: nil/none, negative and NaN give 0,
// math.huge and anything past the representable range give kNeverMs,
// a non-number raises. Fractions are truncated.
inline constexpr std::uint64_t kNeverMs = UINT64_MAX;
std::uint64_t opt_delay_ms_any(lua_State* L, int arg);  // any value: opt_delay_ms's general case
inline std::uint64_t opt_delay_ms(lua_State* L, int arg) {
  // setTimeout's hot path, inline: an integer delay (0 in floods) skips the
  // double conversion; what it returns is what opt_delay_ms_any would.
  if (lua_isinteger(L, arg)) {
    const lua_Integer ms = lua_tointeger(L, arg);
    if (ms <= 0) return 0;
    if (ms < (lua_Integer{1} << 53)) return static_cast<std::uint64_t>(ms);
  }
  return opt_delay_ms_any(L, arg);
}

// Seconds for _PY.sleep converted to milliseconds, same rules.
std::uint64_t check_seconds_as_ms(lua_State* L, int arg);

// A timer id: integer (or integral float) >= 1. nil/none and unknown
// numbers give 0 (no timer); other types raise.
std::uint64_t opt_timer_id(lua_State* L, int arg);

}  // namespace plua::lua
