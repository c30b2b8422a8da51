#pragma once
// The one family of argument helpers used by every plua API function, so
// that all messages have lua's shape:
//   bad argument #1 to 'setTimeout' (function expected, got nil)
// They may raise Lua errors: call them first, before anything that owns
// a resource.

#include <lua.hpp>

#include <cstdint>

namespace plua::lua {

// Argument `arg` must be a function or have a __call metamethod.
void check_callable(lua_State* L, int arg);

// Milliseconds for a timer delay: nil/none, negative and NaN give 0,
// math.huge and anything past the representable range give kNeverMs,
// a non-number raises. Fractions are truncated.
inline constexpr std::uint64_t kNeverMs = UINT64_MAX;
std::uint64_t opt_delay_ms(lua_State* L, int arg);

// Seconds for _PY.sleep converted to milliseconds, same rules.
std::uint64_t check_seconds_as_ms(lua_State* L, int arg);

// A timer id: integer (or integral float) >= 1. nil/none and unknown
// numbers give 0 (no timer); other types raise.
std::uint64_t opt_timer_id(lua_State* L, int arg);

}  // namespace plua::lua
