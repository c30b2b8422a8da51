#pragma once
// Interned chunk names ("t.lua", "[string \"...\"]") so that a timer can
// remember where it was created in 8 bytes.

#include <lua.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tasks/task.hpp"

namespace plua::runtime {

class SourceNames {
 public:
  SourceNames() {
    names_.emplace_back("?");
    bundled_.push_back(false);
  }
  // Index for a short_src; 0 is reserved for "unknown".
  std::uint32_t intern(const char* short_src);
  std::string_view name(std::uint32_t index) const { return c_name(index); }
  const char* c_name(std::uint32_t index) const { return (index < names_.size() ? names_[index] : names_[0]).c_str(); }
  std::string describe(Origin origin) const;
  // A chunk of a bundled module ("[plua]/...").
  bool bundled(std::uint32_t index) const { return index < bundled_.size() && bundled_[index]; }

  // Where the caller of the running C function is (level 1 of L, or the
  // first script frame above it when that is a bundled module); unknown if
  // memory runs out. Call anchor_slot() once at boot first.
  // Inline: setTimeout floods call it once per timer. The common case (the
  // same script function as last time) costs one lua_getstack and one
  // lua_getinfo("fl"); the chunk name ("S", the costly part) is looked up
  // once per calling function.
  Origin caller_of(lua_State* L) noexcept {
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "fl", &ar) == 0) return {};
    const void* function = lua_topointer(L, -1);
    if (function != last_function_ || function == nullptr) {
      if (!cache_function(L, ar, function)) return {};
    } else {
      lua_settop(L, -2);
    }
    if (ar.currentline < 0) return {};
    const Origin caller{last_function_source_, static_cast<std::uint32_t>(ar.currentline)};
    return last_function_bundled_ ? script_caller_above(L, caller) : caller;
  }

  // The component that owns a chunk (`chunkname` as load() got it, e.g.
  // "@lamp.lua"): errors raised in its code name the owner.
  void set_owner(std::string chunkname, std::string owner) { owners_[std::move(chunkname)] = std::move(owner); }
  // The owner of the innermost frame of co's stack that has one, or nullptr.
  const std::string* owner_in(lua_State* co) const;

  // Creates the registry entry that pins the last calling function, so
  // that its address (the cache key) cannot be reused by another one.
  void anchor_slot(lua_State* L);

 private:
  // caller_of's slow paths. cache_function: `function` (on top of L,
  // popped) becomes the cached caller, with ar's chunk name; false if memory
  // ran out. script_caller_above: a bundled module (a wrapper around
  // setTimeout, a logger) called: the script's line that called into it.
  bool cache_function(lua_State* L, lua_Debug& ar, const void* function) noexcept;
  Origin script_caller_above(lua_State* L, Origin caller) noexcept;

  std::vector<std::string> names_;
  std::vector<bool> bundled_;  // by index, parallel to names_
  std::unordered_map<std::string, std::uint32_t> index_;
  std::unordered_map<std::string, std::string> owners_;
  std::uint32_t last_ = 0;
  const void* last_function_ = nullptr;
  std::uint32_t last_function_source_ = 0;
  bool last_function_bundled_ = false;
};

}  // namespace plua::runtime
