#pragma once
// What a script's callback receives, pushed from a finished Transfer:
//   success(response)  response = {status = 200, data = "...",
//                                  headers = {["content-type"] = "..."}}
//   error(message)     message: see messages.hpp
// Protected code only (may raise a Lua memory error); pushes one value.

#include <lua.hpp>

#include "net/http/transfer.hpp"

namespace plua::stdlib::net {

void push_outcome(lua_State* L, const Transfer& transfer);

}  // namespace plua::stdlib::net
