// require("plua.net"): the HC3's net.HTTPClient.
//   local http = net.HTTPClient({timeout = 5000})  -- options optional (ms)
//   http:request(url, {
//     options = {method = "POST", headers = {...}, data = "...",
//                timeout = 2000, checkCertificate = true},
//     success = function(response) end,  -- any HTTP status, 404 included
//     error = function(message) end,     -- no response (see messages.hpp)
//   })
//
// Thin lua_CFunctions: every check and every Lua allocation comes first
// (they may raise) and leaves plain values on the stack; then
// start_request, which owns C++ objects, reads them with calls that never
// raise and reports failure as a static text the caller raises.

#include <lua.hpp>

#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>

#include "lua/ref.hpp"
#include "net/http/http_service.hpp"
#include "lua/args.hpp"
#include "net/http/request.hpp"
#include "net/socket/socket_api.hpp"
#include "runtime.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib {

namespace {

using lua::check_optional_callable_field;
using lua::field_error;
using net::HttpService;
using lua::pop_timeout_ms;
using net::RequestSpec;

constexpr const char* kClientType = "net.HTTPClient";

struct Client {
  long timeout_ms;  // 0: the default
};

// request()'s stack once the arguments are checked.
enum Slot : int {
  kSelf = 1,
  kUrl,
  kParams,
  kOptions,   // table or nil
  kSuccess,   // callable or nil
  kError,     // callable or nil
  kMethod,    // upper-cased string
  kHeaders,   // array of "Name: value" strings
  kData,      // string or nil
};

// ---- argument helpers (may raise) -------------------------------------------

bool is_token_char(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  for (const char* p = "!#$%&'*+-.^_`|~"; *p != '\0'; ++p) {
    if (c == *p) return true;
  }
  return false;
}

bool is_token(const char* s, std::size_t len) {
  if (len == 0) return false;
  for (std::size_t i = 0; i < len; ++i) {
    if (!is_token_char(s[i])) return false;
  }
  return true;
}

bool has_line_break(const char* s, std::size_t len) {
  for (std::size_t i = 0; i < len; ++i) {
    if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0') return true;
  }
  return false;
}

// [-0, +1] t[name] for a table t at `idx`, or nil when `idx` holds nil.
void push_field(lua_State* L, int idx, const char* name) {
  if (lua_isnil(L, idx)) {
    lua_pushnil(L);
  } else {
    lua_getfield(L, idx, name);
  }
}

// [-0, +1] options.method, upper-cased; GET when absent.
void push_method(lua_State* L, int arg) {
  push_field(L, kOptions, "method");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushliteral(L, "GET");
    return;
  }
  if (lua_type(L, -1) != LUA_TSTRING) field_error(L, arg, "options.method", "a string", -1);
  std::size_t len = 0;
  const char* method = lua_tolstring(L, -1, &len);
  if (!is_token(method, len)) {
    luaL_argerror(L, arg, lua_pushfstring(L, "options.method '%s' is not an HTTP method name", method));
  }
  luaL_Buffer b;
  char* upper = luaL_buffinitsize(L, &b, len);
  for (std::size_t i = 0; i < len; ++i) {
    const char c = method[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  luaL_pushresultsize(&b, len);
  lua_remove(L, -2);
}

// [-0, +1] options.headers as an array of "Name: value" lines. Values may
// be strings or numbers; an empty value is sent as such ("Name;" tells
// libcurl so, where "Name:" would drop the header).
void push_header_lines(lua_State* L, int arg) {
  lua_newtable(L);
  const int lines = lua_gettop(L);
  push_field(L, kOptions, "headers");
  const int headers = lua_gettop(L);
  if (lua_isnil(L, headers)) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, headers)) field_error(L, arg, "options.headers", "a table", headers);
  lua_Integer n = 0;
  lua_pushnil(L);
  while (lua_next(L, headers) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) {
      luaL_argerror(L, arg, lua_pushfstring(L, "options.headers keys must be strings, got %s", luaL_typename(L, -2)));
    }
    std::size_t name_len = 0;
    const char* name = lua_tolstring(L, -2, &name_len);
    if (!is_token(name, name_len)) {
      luaL_argerror(L, arg, lua_pushfstring(L, "options.headers: '%s' is not a valid header name", name));
    }
    const int type = lua_type(L, -1);
    if (type != LUA_TSTRING && type != LUA_TNUMBER) {
      luaL_argerror(L, arg, lua_pushfstring(L, "options.headers['%s'] must be a string or a number, got %s", name,
                                            luaL_typename(L, -1)));
    }
    std::size_t value_len = 0;
    const char* value = lua_tolstring(L, -1, &value_len);  // converts the value, never the key
    if (has_line_break(value, value_len)) {
      luaL_argerror(L, arg, lua_pushfstring(L, "options.headers['%s'] must not contain CR, LF or NUL", name));
    }
    if (value_len == 0) {
      lua_pushfstring(L, "%s;", name);
    } else {
      lua_pushfstring(L, "%s: %s", name, value);
    }
    lua_rawseti(L, lines, ++n);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

// [-0, +1] options.data: a string or nil.
void push_data(lua_State* L, int arg) {
  push_field(L, kOptions, "data");
  if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING) field_error(L, arg, "options.data", "a string", -1);
}

// options.checkCertificate: true unless false.
bool check_certificate(lua_State* L, int arg) {
  push_field(L, kOptions, "checkCertificate");
  bool check = true;
  if (!lua_isnil(L, -1)) {
    if (!lua_isboolean(L, -1)) field_error(L, arg, "options.checkCertificate", "a boolean", -1);
    check = lua_toboolean(L, -1) != 0;
  }
  lua_pop(L, 1);
  return check;
}

// ---- the C++ side (raises nothing) --------------------------------------------

std::string string_at(lua_State* L, int idx) {
  std::size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);  // a string already: no conversion
  return std::string(s, len);
}

// Takes `callbacks_ref` over, copies the checked arguments and starts the
// transfer. Returns nullptr, or why it could not start.
const char* start_request(lua_State* L, int callbacks_ref, long timeout_ms, bool verify) noexcept {
  runtime::Runtime& runtime = runtime::runtime_of(L);
  lua::Ref callbacks = lua::Ref::adopt(runtime.state(), callbacks_ref);
  try {
    HttpService& service = runtime.service<HttpService>();
    if (const char* why = service.refusal()) return why;
    RequestSpec spec;
    spec.url = string_at(L, kUrl);
    spec.method = string_at(L, kMethod);
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, kHeaders));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, kHeaders, i);
      spec.headers.push_back(string_at(L, -1));
      lua_pop(L, 1);
    }
    if (lua_type(L, kData) == LUA_TSTRING) {
      spec.body = string_at(L, kData);
      spec.has_body = true;
    }
    spec.timeout_ms = timeout_ms;
    spec.check_certificate = verify;
    if (!service.start(std::move(spec), std::move(callbacks), runtime.sources().caller_of(L))) {
      return lua::kOutOfMemory;
    }
    return nullptr;
  } catch (const std::bad_alloc&) {
    return lua::kOutOfMemory;
  } catch (const std::exception&) {
    return "cannot start the HTTP client";
  }
}

// ---- Lua API ------------------------------------------------------------------

// client:request(url [, params]) -> nothing
int client_request(lua_State* L) {
  const auto* client = static_cast<const Client*>(luaL_checkudata(L, kSelf, kClientType));
  if (lua_type(L, kUrl) != LUA_TSTRING) luaL_typeerror(L, kUrl, "string");
  if (!lua_isnoneornil(L, kParams) && !lua_istable(L, kParams)) luaL_typeerror(L, kParams, "table");
  lua_settop(L, kParams);
  push_field(L, kParams, "options");
  if (!lua_isnil(L, kOptions) && !lua_istable(L, kOptions)) field_error(L, kParams, "options", "a table", kOptions);
  push_field(L, kParams, "success");
  check_optional_callable_field(L, kParams, "success");
  push_field(L, kParams, "error");
  check_optional_callable_field(L, kParams, "error");
  push_method(L, kParams);
  push_header_lines(L, kParams);
  push_data(L, kParams);
  push_field(L, kOptions, "timeout");
  long timeout_ms = pop_timeout_ms(L, kParams, "options.timeout");
  if (timeout_ms == 0) timeout_ms = client->timeout_ms;
  if (timeout_ms == 0) timeout_ms = net::kDefaultTimeoutMs;
  const bool verify = check_certificate(L, kParams);

  luaL_checkstack(L, 3, nullptr);
  int callbacks_ref = LUA_NOREF;
  if (!lua_isnil(L, kSuccess) || !lua_isnil(L, kError)) {
    lua_createtable(L, 2, 0);  // {success, error}
    lua_pushvalue(L, kSuccess);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, kError);
    lua_rawseti(L, -2, 2);
    callbacks_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  if (const char* failure = start_request(L, callbacks_ref, timeout_ms, verify)) {
    return luaL_error(L, "net.HTTPClient: %s", failure);
  }
  return 0;
}

// net.HTTPClient([options]) -> client; options.timeout: the default for
// its requests, in ms.
int new_client(lua_State* L) {
  long timeout_ms = 0;
  if (!lua_isnoneornil(L, 1)) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "timeout");
    timeout_ms = pop_timeout_ms(L, 1, "timeout");
  }
  auto* client = static_cast<Client*>(lua_newuserdatauv(L, sizeof(Client), 0));
  client->timeout_ms = timeout_ms;
  luaL_setmetatable(L, kClientType);
  return 1;
}

}  // namespace

void add_websocket_classes(lua_State* L);

int open_net(lua_State* L) {
  static const luaL_Reg methods[] = {
      {"request", &client_request},
      {nullptr, nullptr},
  };
  if (luaL_newmetatable(L, kClientType)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushcfunction(L, &new_client);
  lua_setfield(L, -2, "HTTPClient");
  net::add_socket_classes(L);
  add_websocket_classes(L);  // web/ws_client_native.cpp
  return 1;
}

}  // namespace plua::stdlib
