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
  Origin caller_of(lua_State* L) noexcept;

  // The component that owns a chunk (`chunkname` as load() got it, e.g.
  // "@lamp.lua"): errors raised in its code name the owner.
  void set_owner(std::string chunkname, std::string owner) { owners_[std::move(chunkname)] = std::move(owner); }
  // The owner of the innermost frame of co's stack that has one, or nullptr.
  const std::string* owner_in(lua_State* co) const;

  // Creates the registry entry that pins the last calling function, so
  // that its address (the cache key) cannot be reused by another one.
  void anchor_slot(lua_State* L);

 private:
  std::vector<std::string> names_;
  std::vector<bool> bundled_;  // by index, parallel to names_
  std::unordered_map<std::string, std::uint32_t> index_;
  std::unordered_map<std::string, std::string> owners_;
  std::uint32_t last_ = 0;
  const void* last_function_ = nullptr;
  std::uint32_t last_function_source_ = 0;
};

}  // namespace plua::runtime
