#pragma once
// The modules plua bundles: the Lua sources embedded by stdlib/CMakeLists.txt
// and the C++ openers of c_modules.cpp, handed to the Runtime by app/.

#include <span>

#include "boot/module_registry.hpp"

namespace plua::stdlib {

std::span<const runtime::BundledModule> bundled_modules();
std::span<const runtime::BundledCModule> bundled_c_modules();

}  // namespace plua::stdlib
