#include "net/http/response.hpp"

namespace plua::stdlib::net {

namespace {

// [+1] the response table.
void push_response(lua_State* L, const Transfer& transfer) {
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, static_cast<lua_Integer>(transfer.status()));
  lua_setfield(L, -2, "status");
  lua_pushlstring(L, transfer.body().data(), transfer.body().size());
  lua_setfield(L, -2, "data");
  lua_createtable(L, 0, static_cast<int>(transfer.headers().size()));
  for (const auto& [name, value] : transfer.headers()) {
    lua_pushlstring(L, name.data(), name.size());
    lua_pushlstring(L, value.data(), value.size());
    lua_rawset(L, -3);
  }
  lua_setfield(L, -2, "headers");
}

}  // namespace

void push_outcome(lua_State* L, const Transfer& transfer) {
  if (transfer.succeeded()) {
    push_response(L, transfer);
  } else {
    lua_pushlstring(L, transfer.error_message().data(), transfer.error_message().size());
  }
}

}  // namespace plua::stdlib::net
