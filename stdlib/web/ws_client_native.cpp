// require("plua.websocket.native"): the C++ half of net.WebSocketClient
// (websocket.lua is the other: argument checks, listeners, the HC3's
// names). Every argument here was checked by websocket.lua; these
// functions only read them.
//   native.load()    -- loads libwebsockets, or raises why it cannot
//   native.connect(config, dispatch) -> handle
//     config: {url, host, port, path, tls, allowSelfSigned,
//              headers = {name1, value1, name2, value2, ...}}
//     dispatch(name [, text]) runs as a task for each event
//   native.notify(dispatch, "error", text)  -- an event with no connection
//   handle:send(data, binary) -> true | false (not open)
//   handle:close()
//   handle:is_open() -> boolean
//   handle:live() -> boolean  -- connecting, open or closing
//   handle:listen(boolean)  -- the script has listeners
//
// Thin lua_CFunctions: Lua work first (it may raise), the C++ work in a
// lua::after_cpp body.

#include <lua.hpp>

#include <cstdint>
#include <string>

#include "lua/guard.hpp"
#include "lua/ref.hpp"
#include "runtime.hpp"
#include "web/lws_api.hpp"
#include "web/ws_client.hpp"

namespace plua::stdlib {

namespace {

using web::WsClientService;
using web::WsConnection;

constexpr const char* kHandleType = "plua.websocket.handle";
constexpr int kMaxHeaders = 256;

struct Handle {
  std::uint64_t id;
};

const char* const kFields[] = {"url", "host", "port", "path", "tls", "allowSelfSigned", "headers"};
constexpr int kFieldCount = static_cast<int>(sizeof kFields / sizeof kFields[0]);

std::string text_at(lua_State* L, int idx) {
  std::size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);  // cannot raise: websocket.lua passes strings
  return s == nullptr ? std::string() : std::string(s, len);
}

// native.connect(config, dispatch)
int l_connect(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  luaL_checkstack(L, kFieldCount + 6, nullptr);
  lua_settop(L, 2);
  for (const char* field : kFields) lua_getfield(L, 1, field);  // at 3 .. 2 + kFieldCount
  const int headers = 3 + kFieldCount - 1;
  luaL_checktype(L, headers, LUA_TTABLE);
  const lua_Integer header_count = luaL_len(L, headers);
  if (header_count < 0 || header_count > 2 * kMaxHeaders) luaL_argerror(L, 1, "too many headers");
  auto* handle = static_cast<Handle*>(lua_newuserdatauv(L, sizeof(Handle), 0));
  handle->id = 0;
  luaL_setmetatable(L, kHandleType);
  lua_pushvalue(L, 2);
  const int dispatch_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    lua::Ref dispatch = lua::Ref::adopt(runtime.state(), dispatch_ref);
    const runtime::Origin origin = runtime.sources().caller_of(L);
    WsClientService& service = runtime.service<WsClientService>();
    if (service.closed()) return lua::fail("net.WebSocketClient: the process is exiting");
    const auto at = [](int i) { return 3 + i; };
    web::WsConfig config;
    config.url = text_at(L, at(0));
    config.host = text_at(L, at(1));
    config.port = static_cast<int>(lua_tointegerx(L, at(2), nullptr));
    config.path = text_at(L, at(3));
    config.tls = lua_toboolean(L, at(4)) != 0;
    config.allow_self_signed = lua_toboolean(L, at(5)) != 0;
    for (lua_Integer i = 1; i + 1 <= header_count; i += 2) {
      lua_rawgeti(L, headers, i);
      lua_rawgeti(L, headers, i + 1);
      config.headers.emplace_back(text_at(L, -2), text_at(L, -1));
      lua_pop(L, 2);
    }
    handle->id = service.open(std::move(config), std::move(dispatch), origin);
    return lua::pushed(1);  // the handle, on top
  });
}

// native.load(): loads libwebsockets (once per process) or raises why not.
int l_load(lua_State* L) {
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    std::string& error = runtime::runtime_of(L).service<WsClientService>().scratch();
    if (web::load_lws(error) == nullptr) {
      error = "net.WebSocketClient: " + error;
      return lua::fail(error.c_str());
    }
    return lua::pushed(0);
  });
}

// native.notify(dispatch, name, text): only "error" for now (send before
// connect, connect twice): delivered as a task like every other event.
int l_notify(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 3, &len);
  lua_pushvalue(L, 1);
  const int dispatch_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    web::WsEvent event;
    event.kind = web::WsEvent::Kind::Error;
    event.dispatch = lua::Ref::adopt(runtime.state(), dispatch_ref);
    event.text.assign(text, len);
    runtime.service<WsClientService>().post_event(std::move(event));
    return lua::pushed(0);
  });
}

Handle& check_handle(lua_State* L) { return *static_cast<Handle*>(luaL_checkudata(L, 1, kHandleType)); }

WsConnection* connection_of(lua_State* L, std::uint64_t id) {
  return id == 0 ? nullptr : runtime::runtime_of(L).service<WsClientService>().connection(id);
}

int l_send(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  std::size_t len = 0;
  const char* data = luaL_checklstring(L, 2, &len);
  const bool binary = lua_toboolean(L, 3) != 0;
  bool sent = false;
  const int results = lua::after_cpp(L, [&]() -> lua::Outcome {
    WsConnection* connection = connection_of(L, id);
    sent = connection != nullptr && connection->send(std::string_view(data, len), binary);
    return lua::pushed(0);
  });
  lua_pushboolean(L, sent ? 1 : 0);
  return results + 1;
}

int l_close(lua_State* L) {
  if (WsConnection* connection = connection_of(L, check_handle(L).id); connection != nullptr) connection->close();
  return 0;
}

int l_is_open(lua_State* L) {
  WsConnection* connection = connection_of(L, check_handle(L).id);
  lua_pushboolean(L, connection != nullptr && connection->is_open() ? 1 : 0);
  return 1;
}

int l_live(lua_State* L) {
  WsConnection* connection = connection_of(L, check_handle(L).id);
  lua_pushboolean(L, connection != nullptr && connection->live() ? 1 : 0);
  return 1;
}

int l_listen(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  const bool listening = lua_toboolean(L, 2) != 0;
  if (WsConnection* connection = connection_of(L, id); connection != nullptr) connection->set_listening(listening);
  return 0;
}

// __gc: the connection's dispatch function refers to its Lua object, which
// refers to this handle, so a handle is collected only once its connection
// ended and was forgotten; forget again in case.
int l_gc(lua_State* L) {
  auto* handle = static_cast<Handle*>(lua_touserdata(L, 1));
  if (handle->id != 0) runtime::runtime_of(L).service<WsClientService>().forget(handle->id);
  handle->id = 0;
  return 0;
}

}  // namespace

int open_websocket_native(lua_State* L) {
  static const luaL_Reg methods[] = {
      {"send", &l_send}, {"close", &l_close}, {"is_open", &l_is_open}, {"live", &l_live}, {"listen", &l_listen}, {nullptr, nullptr},
  };
  if (luaL_newmetatable(L, kHandleType)) {
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &l_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  static const luaL_Reg functions[] = {
      {"connect", &l_connect}, {"load", &l_load}, {"notify", &l_notify}, {nullptr, nullptr},
  };
  luaL_newlib(L, functions);
  return 1;
}

// [-0, +0] net.WebSocketClient and net.WebSocketClientTls into the table on
// top (require("plua.net")): plua.websocket's own Lua functions, so that an
// argument error blames the script's line. The bundled chunk is small;
// libwebsockets itself loads only on the first connect.
void add_websocket_classes(lua_State* L) {
  lua_getglobal(L, "require");
  lua_pushliteral(L, "plua.websocket");
  lua_call(L, 1, 1);
  for (const char* name : {"WebSocketClient", "WebSocketClientTls"}) {
    lua_getfield(L, -1, name);
    lua_setfield(L, -3, name);
  }
  lua_pop(L, 1);
}

}  // namespace plua::stdlib
