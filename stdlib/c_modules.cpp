// Bundled modules written in C++, found by require like the Lua ones.
#include "module_registry.hpp"

namespace plua::stdlib {
int open_lual_native(lua_State* L);
int open_json(lua_State* L);
int open_net(lua_State* L);
int open_fibaro_tasks(lua_State* L);
}

namespace plua::runtime {

std::span<const BundledCModule> bundled_c_modules() {
  static const BundledCModule modules[] = {
      {"lual.native", &stdlib::open_lual_native},
      {"json", &stdlib::open_json},
      {"plua.net", &stdlib::open_net},
      {"plua.fibaro.tasks", &stdlib::open_fibaro_tasks},
  };
  return modules;
}

}  // namespace plua::runtime
