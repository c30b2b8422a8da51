#pragma once
// Start-up of the Fibaro QuickApp emulation (spec/fibaro.md). Deciding
// whether it runs and checking the headers happen before Lua is touched,
// so a bad header stops the run like a syntax error; the device itself is
// built by the bundled Lua module plua.fibaro.

#include <lua.hpp>

#include <string>
#include <vector>

#include "headers.hpp"
#include "options.hpp"
#include "script_loader.hpp"

namespace plua::runtime {

struct FibaroPlan {
  bool enabled = false;
  Headers headers;
  std::string main_file;  // the script as named on the command line
};

// Decides from the options and the main script whether the emulation runs;
// if so parses the headers (and --header lines), prints their warnings and
// wraps the script chunk with the steps that load the `file` headers and
// start the QuickApp. Returns false with `error` set on a bad header.
bool plan_fibaro(const Options& options, std::vector<Chunk>& chunks, FibaroPlan& plan, std::string& error);

// In protected boot code, after the standard globals: with the emulation,
// hands the device description to plua.fibaro's setup (which installs
// QuickApp, fibaro, api, json, net, ...); without it, makes QuickApp and
// fibaro raise an error that says to run with --fibaro.
void install_fibaro(lua_State* L, const FibaroPlan& plan);

}  // namespace plua::runtime
