// plua.web.native: the two doors between Lua and the web server.
//   listen(host, port) -> true | nil, why
//   respond(id, status, body [, html]): JSON, or an HTML page
//   hold(id): answered later (a long-poll), not user work meanwhile
//   broadcast(text), clients() -> n: the /api/events WebSocket
#include <lua.hpp>

#include <string>

#include "lua/guard.hpp"
#include "tasks/thread_context.hpp"
#include "web/web_service.hpp"

namespace plua::stdlib {

namespace {

int web_listen(lua_State* L) {
  const char* host = luaL_checkstring(L, 1);
  const lua_Integer port = luaL_checkinteger(L, 2);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  bool ok = false;
  char why[256] = {};
  const int results = lua::after_cpp(L, [&]() -> lua::Outcome {
    std::string reason;
    ok = runtime.service<web::WebService>().listen(host, port > 0 && port < 65536 ? static_cast<int>(port) : 0, reason);
    reason.copy(why, sizeof why - 1);
    return lua::pushed(0);
  });
  if (ok) {
    lua_pushboolean(L, 1);
    return results + 1;
  }
  lua_pushnil(L);
  lua_pushstring(L, why);
  return results + 2;
}

int web_respond(lua_State* L) {
  const lua_Integer id = luaL_checkinteger(L, 1);
  const lua_Integer status = luaL_checkinteger(L, 2);
  std::size_t len = 0;
  const char* body = luaL_checklstring(L, 3, &len);
  const bool html = lua_toboolean(L, 4) != 0;
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    runtime.service<web::WebService>().respond(static_cast<std::uint64_t>(id),
                                               status >= 100 && status <= 599 ? static_cast<int>(status) : 500,
                                               std::string_view(body, len), html);
    return lua::pushed(0);
  });
}

// hold(id): request id is answered later (a long-poll).
int web_hold(lua_State* L) {
  const lua_Integer id = luaL_checkinteger(L, 1);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    runtime.service<web::WebService>().hold(static_cast<std::uint64_t>(id));
    return lua::pushed(0);
  });
}

// broadcast(text): to every WebSocket client of /api/events.
int web_broadcast(lua_State* L) {
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    runtime.service<web::WebService>().broadcast(std::string_view(text, len));
    return lua::pushed(0);
  });
}

// clients() -> how many WebSocket clients listen.
int web_clients(lua_State* L) {
  runtime::Runtime& runtime = runtime::runtime_of(L);
  std::size_t clients = 0;
  const int results = lua::after_cpp(L, [&]() -> lua::Outcome {
    clients = runtime.service<web::WebService>().clients();
    return lua::pushed(0);
  });
  lua_pushinteger(L, static_cast<lua_Integer>(clients));
  return results + 1;
}

}  // namespace

int open_web_native(lua_State* L) {
  static const luaL_Reg functions[] = {
      {"listen", &web_listen},
      {"respond", &web_respond},
      {"hold", &web_hold},
      {"broadcast", &web_broadcast},
      {"clients", &web_clients},
      {nullptr, nullptr},
  };
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace plua::stdlib
