// Bundled modules written in C++, found by require like the Lua ones.
#include "modules.hpp"

namespace plua::stdlib {

int open_lual_native(lua_State* L);
int open_json(lua_State* L);
int open_net(lua_State* L);
int open_fibaro_tasks(lua_State* L);
int open_fibaro_objects(lua_State* L);
int open_mqtt_native(lua_State* L);
int open_web_native(lua_State* L);
namespace fibaro {
int open_fibaro_headers(lua_State* L);
}

std::span<const runtime::BundledCModule> bundled_c_modules() {
  static const runtime::BundledCModule modules[] = {
      {"lual.native", &open_lual_native},
      {"json", &open_json},
      {"plua.net", &open_net},
      {"plua.fibaro.tasks", &open_fibaro_tasks},
      {"plua.fibaro.objects", &open_fibaro_objects},
      {"plua.mqtt.native", &open_mqtt_native},
      {"plua.web.native", &open_web_native},
      {"plua.fibaro.headers", &fibaro::open_fibaro_headers},
  };
  return modules;
}

}  // namespace plua::stdlib
