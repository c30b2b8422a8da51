#pragma once
// The Lua side of net.TCPSocket and net.UDPSocket (see socket_api.cpp).

#include <lua.hpp>

namespace plua::stdlib::net {

// [-0, +0] Sets TCPSocket and UDPSocket in the table on top of the stack.
void add_socket_classes(lua_State* L);

}  // namespace plua::stdlib::net
