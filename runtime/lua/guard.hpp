#pragma once
// The one way a lua_CFunction runs C++ that owns something. A Lua error is
// a longjmp: it must never cross a frame with a destructor to run. So the
// C++ part runs first, in a body that reports failure instead of raising,
// and the error is raised only after that body has returned and every
// destructor in it has run:
//
//   int l_thing(lua_State* L) {
//     const char* name = luaL_checkstring(L, 1);     // checks first: they raise
//     return lua::after_cpp(L, [&]() -> lua::Outcome {
//       std::string text = fmt::format(...);         // may throw bad_alloc
//       if (!ok) return lua::fail("cannot do thing");
//       return lua::pushed(0);
//     });
//   }
//
// The body may throw std::bad_alloc (reported as "not enough memory"). It
// may call Lua functions that can raise (lua_push*, lua_newthread, ...) only
// at points where it owns nothing with a destructor; usually it pushes its
// results after the C++ work, or leaves them to the caller.

#include <lua.hpp>

#include <new>

namespace plua::lua {

inline constexpr const char* kOutOfMemory = "not enough memory";

// Raises "not enough memory" on L: the one place that text is written.
[[noreturn]] inline void raise_out_of_memory(lua_State* L) {
  luaL_error(L, "%s", kOutOfMemory);
  __builtin_unreachable();
}

// What a body returns: how many values it left for the caller, or a static
// message to raise.
struct Outcome {
  int results = 0;
  const char* error = nullptr;
};
inline Outcome pushed(int results) { return Outcome{results, nullptr}; }
inline Outcome fail(const char* error) { return Outcome{0, error}; }

template <typename Body>
int after_cpp(lua_State* L, Body&& body) {
  Outcome outcome;
  try {
    outcome = body();
  } catch (const std::bad_alloc&) {
    outcome = fail(kOutOfMemory);
  }
  if (outcome.error != nullptr) return luaL_error(L, "%s", outcome.error);
  return outcome.results;
}

}  // namespace plua::lua
