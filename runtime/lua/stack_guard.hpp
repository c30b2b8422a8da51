#pragma once
// Debug-build check that a C++ block leaves the Lua stack as it found it
// (plus an expected delta). Only for C++ code that reaches Lua through
// lua_pcall/lua_resume: a longjmp never crosses it.

#include <lua.hpp>

#include <cassert>

namespace plua::lua {

class StackGuard {
 public:
  explicit StackGuard(lua_State* L, int delta = 0) : L_(L), expected_(lua_gettop(L) + delta) {}
  StackGuard(const StackGuard&) = delete;
  StackGuard& operator=(const StackGuard&) = delete;
  ~StackGuard() { assert(lua_gettop(L_) == expected_ && "Lua stack imbalance"); }

 private:
  lua_State* L_;
  int expected_;
};

}  // namespace plua::lua
