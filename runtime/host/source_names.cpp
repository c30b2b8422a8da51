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

bool SourceNames::cache_function(lua_State* L, lua_Debug& ar, const void* function) noexcept {
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, this);  // cannot raise: an existing key, no allocation
  lua_getinfo(L, ">S", &ar);                // pops the function
  try {
    last_function_source_ = intern(ar.short_src);
  } catch (...) {
    last_function_ = nullptr;
    return false;
  }
  last_function_ = function;
  last_function_bundled_ = bundled(last_function_source_);
  return true;
}

Origin SourceNames::script_caller_above(lua_State* L, Origin caller) noexcept {
  lua_Debug ar;
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
