#include "host/source_names.hpp"

#include <fmt/format.h>

#include <cstring>

namespace plua::runtime {

std::uint32_t SourceNames::intern(const char* short_src) {
  if (last_ != 0 && std::strcmp(names_[last_].c_str(), short_src) == 0) return last_;
  auto [it, inserted] = index_.try_emplace(short_src, static_cast<std::uint32_t>(names_.size()));
  if (inserted) {
    names_.emplace_back(short_src);
    bundled_.push_back(std::strncmp(short_src, "[plua]", 6) == 0);
  }
  last_ = it->second;
  return last_;
}

std::string SourceNames::describe(Origin origin) const {
  if (origin.source == 0) return "?";
  return fmt::format("{}:{}", name(origin.source), origin.line);
}

const std::string* SourceNames::owner_in(lua_State* co) const {
  if (owners_.empty()) return nullptr;
  lua_Debug ar;
  for (int level = 0; lua_getstack(co, level, &ar) != 0; ++level) {
    if (lua_getinfo(co, "S", &ar) == 0 || ar.source == nullptr) continue;
    const auto found = owners_.find(ar.source);
    if (found != owners_.end()) return &found->second;
  }
  return nullptr;
}

void SourceNames::anchor_slot(lua_State* L) {
  lua_pushboolean(L, 0);
  lua_rawsetp(L, LUA_REGISTRYINDEX, this);
}

Origin SourceNames::caller_of(lua_State* L) noexcept {
  // Formatting the chunk name ("S") is the costly part of lua_getinfo: do
  // it once per calling function, which setTimeout floods repeat.
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "fl", &ar) == 0) return {};
  const void* function = lua_topointer(L, -1);
  if (function == last_function_ && function != nullptr) {
    lua_pop(L, 1);
  } else {
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, this);  // cannot raise: an existing key, no allocation
    lua_getinfo(L, ">S", &ar);
    try {
      last_function_source_ = intern(ar.short_src);
    } catch (...) {
      return {};
    }
    last_function_ = function;
  }
  if (ar.currentline < 0) return {};
  const Origin caller{last_function_source_, static_cast<std::uint32_t>(ar.currentline)};
  if (!bundled(caller.source)) return caller;
  // Called from a bundled module (a wrapper around setTimeout, a logger): the script's
  // line that called into it says more.
  for (int level = 2; level < 16 && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline < 0) continue;
    try {
      const std::uint32_t source = intern(ar.short_src);
      if (!bundled(source)) return Origin{source, static_cast<std::uint32_t>(ar.currentline)};
    } catch (...) {
      break;
    }
  }
  return caller;  // no script frame above: the module's own line
}

}  // namespace plua::runtime
