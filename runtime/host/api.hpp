#pragma once
// Installers for the globals plua gives every script.

#include <lua.hpp>

namespace plua::runtime {

// setTimeout, setInterval, clearTimeout, clearInterval.
void install_timer_api(lua_State* L);
// The _PY table (needs the timer globals installed first).
void install_py_api(lua_State* L);
// os.exit that flushes what plua buffers before the process ends; os.time
// and os.date that read the run's clock.
void install_os_overrides(lua_State* L);
// require("plua.clock") (host/clock_api.cpp).
int open_clock(lua_State* L);

}  // namespace plua::runtime
