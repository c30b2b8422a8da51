#pragma once
// json.null: a light userdata that stands for JSON null both ways. Its
// value is the address of a constant, never written.

namespace plua::stdlib::json {

inline void* null_value() {
  static const char sentinel = 0;
  return const_cast<char*>(&sentinel);
}

}  // namespace plua::stdlib::json
