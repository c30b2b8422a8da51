#pragma once
// Owning handle for a lua_State.

#include <lua.hpp>

#include <memory>

namespace plua::lua {

struct StateCloser {
  void operator()(lua_State* L) const noexcept { lua_close(L); }
};

using StatePtr = std::unique_ptr<lua_State, StateCloser>;

}  // namespace plua::lua
