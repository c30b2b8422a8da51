#pragma once
// Bundled modules: Lua sources and C++ openers compiled into the binary and
// found by `require` through a searcher placed right after package.preload,
// so a bundled module wins over a file of the same name on package.path.
// The core defines only the shapes: the tables are handed to the Runtime
// (Extensions), and plua's come from stdlib/.

#include <lua.hpp>

#include <cstddef>
#include <span>

namespace plua::runtime {

struct BundledModule {
  const char* name;   // require name, e.g. "lual" or "lual.levels"
  const char* file;   // source path, for chunk names ("[plua]/file")
  const unsigned char* source;
  std::size_t size;
};

// A bundled module written in C++: its luaopen-style function.
struct BundledCModule {
  const char* name;
  lua_CFunction open;
};

// The core's own Lua modules (plua.args, plua.py_files), embedded by
// runtime/CMakeLists.txt.
std::span<const BundledModule> core_modules();

// Inserts the bundled-module searcher into package.searchers; it finds the
// core's modules and those the Runtime of L was given.
void install_module_searcher(lua_State* L);

}  // namespace plua::runtime
