#pragma once
// RAII owner of one Lua registry reference (for long-lived C++ owners;
// the timer table keeps plain ints and releases them itself, see timers.hpp).

#include <lua.hpp>

#include <utility>

namespace plua::lua {

class Ref {
 public:
  Ref() = default;
  // Takes over `ref`, made by luaL_ref on any thread of the state (a task
  // coroutine that may die first): the registry is shared, so `owner` (the
  // main thread) releases it. Raises nothing.
  static Ref adopt(lua_State* owner, int ref) noexcept { return Ref(owner, ref); }
  Ref(Ref&& other) noexcept : L_(std::exchange(other.L_, nullptr)), ref_(std::exchange(other.ref_, LUA_NOREF)) {}
  Ref& operator=(Ref&& other) noexcept {
    if (this != &other) {
      reset();
      L_ = std::exchange(other.L_, nullptr);
      ref_ = std::exchange(other.ref_, LUA_NOREF);
    }
    return *this;
  }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() { reset(); }

  // Pushes the referenced value onto `to` (any thread of the same state).
  void push(lua_State* to) const { lua_rawgeti(to, LUA_REGISTRYINDEX, ref_); }
  int id() const { return ref_; }
  explicit operator bool() const { return ref_ != LUA_NOREF && ref_ != LUA_REFNIL; }
  // Forgets the reference without touching the registry: for when the
  // lua_State is already closed.
  void abandon() noexcept {
    L_ = nullptr;
    ref_ = LUA_NOREF;
  }
  void reset() noexcept {
    if (L_ != nullptr) luaL_unref(L_, LUA_REGISTRYINDEX, ref_);
    L_ = nullptr;
    ref_ = LUA_NOREF;
  }

 private:
  Ref(lua_State* L, int ref) : L_(L), ref_(ref) {}
  lua_State* L_ = nullptr;
  int ref_ = LUA_NOREF;
};

}  // namespace plua::lua
