#include "source_names.hpp"

#include <fmt/format.h>

#include <cstring>

namespace plua::runtime {

std::uint32_t SourceNames::intern(const char* short_src) {
  if (last_ != 0 && std::strcmp(names_[last_].c_str(), short_src) == 0) return last_;
  auto [it, inserted] = index_.try_emplace(short_src, static_cast<std::uint32_t>(names_.size()));
  if (inserted) names_.emplace_back(short_src);
  last_ = it->second;
  return last_;
}

std::string SourceNames::describe(Origin origin) const {
  if (origin.source == 0) return "?";
  return fmt::format("{}:{}", name(origin.source), origin.line);
}

Origin SourceNames::caller_of(lua_State* L) noexcept {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "Sl", &ar) == 0) return {};
  if (ar.currentline < 0) return {};
  try {
    return Origin{intern(ar.short_src), static_cast<std::uint32_t>(ar.currentline)};
  } catch (...) {
    return {};
  }
}

}  // namespace plua::runtime
