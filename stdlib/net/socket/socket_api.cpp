// require("plua.net"): the HC3's net.TCPSocket and net.UDPSocket.
//   local tcp = net.TCPSocket({timeout = 2000})  -- options optional (ms)
//   tcp:connect(ip, port, {success = function() end, error = function(message) end})
//   tcp:write(data, {success = function() end, error = ...})  -- or tcp:send
//   tcp:read({success = function(data) end, error = ...})       -- what came next
//   tcp:readUntil(delimiter, {success = function(data) end, error = ...})
//   tcp:close()
//   local udp = net.UDPSocket({broadcast = true, timeout = 2000})
//   udp:sendTo(data, ip, port, {success = function() end, error = ...})
//   udp:bind(ip, port)                                   -- listen there
//   udp:receive({success = function(data, ip, port) end, error = ...})
//   udp:close()
// Callbacks run later as tasks, never inside the call; the texts given to
// error are in socket_messages.hpp.
//
// Thin lua_CFunctions, as in http_client.cpp: every check and every Lua
// allocation comes first (they may raise) and leaves plain values on the
// stack; then a noexcept function that owns C++ objects does the work and
// reports a failure as a static text the caller raises.

#include "net/socket/socket_api.hpp"

#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>

#include "lua/ref.hpp"
#include "lua/args.hpp"
#include "net/socket/socket_messages.hpp"
#include "net/socket/socket_service.hpp"
#include "net/socket/tcp_socket.hpp"
#include "net/socket/udp_socket.hpp"
#include "runtime.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib::net {

namespace {

constexpr const char* kTcpType = "net.TCPSocket";
constexpr const char* kUdpType = "net.UDPSocket";
constexpr const char* kNoMemory = lua::kOutOfMemory;

// The Lua object: the socket's id in the SocketService (0: closed).
struct SocketId {
  std::uint64_t id;
};

// ---- argument helpers (may raise) -------------------------------------------

void check_string(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TSTRING) luaL_typeerror(L, arg, "string");
}

void check_host(lua_State* L, int arg) {
  check_string(L, arg);
  if (lua_rawlen(L, arg) == 0) luaL_argerror(L, arg, "the address is empty");
}

int check_port(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TNUMBER) luaL_typeerror(L, arg, "number");
  int is_integer = 0;
  const lua_Integer port = lua_tointegerx(L, arg, &is_integer);
  if (is_integer == 0 || port < 1 || port > 65535) luaL_argerror(L, arg, "port must be an integer from 1 to 65535");
  return static_cast<int>(port);
}

// [-0, +0] options.timeout in ms for a constructor's table at `arg`: 0 if absent.
std::uint64_t opt_timeout(lua_State* L, int arg) {
  lua_getfield(L, arg, "timeout");
  return static_cast<std::uint64_t>(lua::pop_timeout_ms(L, arg, "timeout"));
}

// [-0, +0] The callbacks table at `arg` (nil or {success = f, error = f})
// and the socket at 1 as a registry ref to {success, error, socket}.
int ref_callbacks(lua_State* L, int arg) {
  if (!lua_isnoneornil(L, arg) && !lua_istable(L, arg)) luaL_typeerror(L, arg, "table");
  luaL_checkstack(L, 4, nullptr);
  lua_createtable(L, 3, 0);
  const char* const fields[] = {"success", "error"};
  for (int i = 0; i < 2; ++i) {
    if (lua_istable(L, arg)) {
      lua_getfield(L, arg, fields[i]);
    } else {
      lua_pushnil(L);
    }
    lua::check_optional_callable_field(L, arg, fields[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushvalue(L, 1);  // keeps the socket alive while the operation is pending
  lua_rawseti(L, -2, 3);
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

std::string string_at(lua_State* L, int idx) {
  std::size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);  // a string already: no conversion
  return std::string(s, len);
}

// ---- the C++ side (raises nothing) --------------------------------------------

// Starts an operation on socket `id`: `run(service, op)` hands `op` to the
// socket, or fails it when the socket is closed. Returns nullptr or why
// nothing could start.
template <typename Run>
const char* start(lua_State* L, int callbacks_ref, const char* what, Run run) noexcept {
  runtime::Runtime& runtime = runtime::runtime_of(L);
  lua::Ref callbacks = lua::Ref::adopt(runtime.state(), callbacks_ref);
  try {
    SocketService& service = runtime.service<SocketService>();
    Operation op = service.begin(std::move(callbacks), runtime.sources().caller_of(L), what);
    try {
      run(service, op);
    } catch (const std::bad_alloc&) {
      service.discard(std::move(op));
      return kNoMemory;
    }
    return nullptr;
  } catch (const std::bad_alloc&) {
    return kNoMemory;
  } catch (const std::exception&) {
    return "cannot start the operation";
  }
}

void fail_closed(SocketService& service, Operation& op) { service.finish(std::move(op), Outcome::failure(kSocketClosed)); }

// Opens a socket for the Lua object `socket` (its id stays 0 on failure).
template <typename Open>
const char* open(lua_State* L, SocketId& socket, Open open_socket) noexcept {
  try {
    SocketService& service = runtime::runtime_of(L).service<SocketService>();
    if (service.closed()) return kExiting;
    socket.id = open_socket(service);
    return nullptr;
  } catch (const std::bad_alloc&) {
    return kNoMemory;
  } catch (const std::exception&) {
    return "cannot create the socket";
  }
}

template <typename Close>
void close_socket(lua_State* L, SocketId& socket, Close close) noexcept {
  if (socket.id == 0) return;
  try {
    close(runtime::runtime_of(L).service<SocketService>(), socket.id);
  } catch (const std::exception&) {
  }
  socket.id = 0;
}

// ---- net.TCPSocket ------------------------------------------------------------

SocketId& check_tcp(lua_State* L) { return *static_cast<SocketId*>(luaL_checkudata(L, 1, kTcpType)); }

// tcp:connect(ip, port [, callbacks])
int tcp_connect(lua_State* L) {
  const std::uint64_t id = check_tcp(L).id;
  check_host(L, 2);
  const int port = check_port(L, 3);
  const int ref = ref_callbacks(L, 4);
  const char* failure = start(L, ref, "net.TCPSocket connect callback", [&](SocketService& service, Operation& op) {
    TcpSocket* socket = service.tcp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->connect(string_at(L, 2), port, std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.TCPSocket: %s", failure);
  return 0;
}

// tcp:send(data [, callbacks])
int tcp_send(lua_State* L) {
  const std::uint64_t id = check_tcp(L).id;
  check_string(L, 2);
  const int ref = ref_callbacks(L, 3);
  const char* failure = start(L, ref, "net.TCPSocket send callback", [&](SocketService& service, Operation& op) {
    TcpSocket* socket = service.tcp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->send(string_at(L, 2), std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.TCPSocket: %s", failure);
  return 0;
}

// tcp:read([callbacks])
int tcp_read(lua_State* L) {
  const std::uint64_t id = check_tcp(L).id;
  const int ref = ref_callbacks(L, 2);
  const char* failure = start(L, ref, "net.TCPSocket read callback", [&](SocketService& service, Operation& op) {
    TcpSocket* socket = service.tcp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->read(std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.TCPSocket: %s", failure);
  return 0;
}

// tcp:readUntil(delimiter [, callbacks])
int tcp_read_until(lua_State* L) {
  const std::uint64_t id = check_tcp(L).id;
  check_string(L, 2);
  if (lua_rawlen(L, 2) == 0) luaL_argerror(L, 2, "the delimiter is empty");
  const int ref = ref_callbacks(L, 3);
  const char* failure = start(L, ref, "net.TCPSocket readUntil callback", [&](SocketService& service, Operation& op) {
    TcpSocket* socket = service.tcp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->read_until(string_at(L, 2), std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.TCPSocket: %s", failure);
  return 0;
}

// tcp:close(): pending operations get "closed: the socket was closed".
int tcp_close(lua_State* L) {
  close_socket(L, check_tcp(L), [](SocketService& service, std::uint64_t id) { service.close_tcp(id); });
  return 0;
}

// __gc: nothing is pending (an operation keeps its socket alive).
int tcp_gc(lua_State* L) {
  close_socket(L, *static_cast<SocketId*>(lua_touserdata(L, 1)),
               [](SocketService& service, std::uint64_t id) { service.forget_tcp(id); });
  return 0;
}

// net.TCPSocket([options]) -> socket; options.timeout: ms for connect and each read.
int new_tcp(lua_State* L) {
  std::uint64_t timeout_ms = 0;
  if (!lua_isnoneornil(L, 1)) {
    luaL_checktype(L, 1, LUA_TTABLE);
    timeout_ms = opt_timeout(L, 1);
  }
  auto* socket = static_cast<SocketId*>(lua_newuserdatauv(L, sizeof(SocketId), 0));
  socket->id = 0;
  luaL_setmetatable(L, kTcpType);
  const char* failure =
      open(L, *socket, [timeout_ms](SocketService& service) { return service.open_tcp(timeout_ms); });
  if (failure != nullptr) return luaL_error(L, "net.TCPSocket: %s", failure);
  return 1;
}

// ---- net.UDPSocket ------------------------------------------------------------

SocketId& check_udp(lua_State* L) { return *static_cast<SocketId*>(luaL_checkudata(L, 1, kUdpType)); }

// udp:sendTo(data, ip, port [, callbacks])
int udp_send_to(lua_State* L) {
  const std::uint64_t id = check_udp(L).id;
  check_string(L, 2);
  check_host(L, 3);
  const int port = check_port(L, 4);
  const int ref = ref_callbacks(L, 5);
  const char* failure = start(L, ref, "net.UDPSocket sendTo callback", [&](SocketService& service, Operation& op) {
    UdpSocket* socket = service.udp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->send_to(string_at(L, 2), string_at(L, 3), port, std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.UDPSocket: %s", failure);
  return 0;
}

// udp:receive([callbacks])
int udp_receive(lua_State* L) {
  const std::uint64_t id = check_udp(L).id;
  const int ref = ref_callbacks(L, 2);
  const char* failure = start(L, ref, "net.UDPSocket receive callback", [&](SocketService& service, Operation& op) {
    UdpSocket* socket = service.udp(id);
    if (socket == nullptr) return fail_closed(service, op);
    socket->receive(std::move(op));
  });
  if (failure != nullptr) return luaL_error(L, "net.UDPSocket: %s", failure);
  return 0;
}

// The bind itself, owning the std::string: a uv status (0: bound).
int bind_udp(lua_State* L, std::uint64_t id, int port) noexcept {
  try {
    UdpSocket* socket = runtime::runtime_of(L).service<SocketService>().udp(id);
    if (socket == nullptr) return UV_EBADF;
    return socket->bind(string_at(L, 2), port);
  } catch (const std::bad_alloc&) {
    return UV_ENOMEM;
  } catch (const std::exception&) {
    return UV_EINVAL;
  }
}

// udp:bind(ip, port): listen on that local address and port (0: any port).
int udp_bind(lua_State* L) {
  const std::uint64_t id = check_udp(L).id;
  check_host(L, 2);
  if (lua_type(L, 3) != LUA_TNUMBER) luaL_typeerror(L, 3, "number");
  int is_integer = 0;
  const lua_Integer port = lua_tointegerx(L, 3, &is_integer);
  if (is_integer == 0 || port < 0 || port > 65535) luaL_argerror(L, 3, "port must be an integer from 0 to 65535");
  const int rc = bind_udp(L, id, static_cast<int>(port));
  if (rc == UV_ENOMEM) lua::raise_out_of_memory(L);
  if (rc == UV_EBADF) return luaL_error(L, "net.UDPSocket: the socket is closed");
  if (rc == UV_EINVAL) {
    return luaL_error(L, "net.UDPSocket: cannot bind %s:%d (not a numeric IP address)", lua_tostring(L, 2),
                      static_cast<int>(port));
  }
  if (rc == UV_EALREADY) return luaL_error(L, "net.UDPSocket: the socket is bound already");
  if (rc != 0) return luaL_error(L, "net.UDPSocket: cannot bind %s:%d (%s)", lua_tostring(L, 2), static_cast<int>(port),
                                 uv_strerror(rc));
  return 0;
}

int udp_close(lua_State* L) {
  close_socket(L, check_udp(L), [](SocketService& service, std::uint64_t id) { service.close_udp(id); });
  return 0;
}

int udp_gc(lua_State* L) {
  close_socket(L, *static_cast<SocketId*>(lua_touserdata(L, 1)),
               [](SocketService& service, std::uint64_t id) { service.forget_udp(id); });
  return 0;
}

// net.UDPSocket([options]) -> socket; options.broadcast: allow sending to
// broadcast addresses; options.timeout: ms for each receive.
int new_udp(lua_State* L) {
  std::uint64_t timeout_ms = 0;
  bool broadcast = false;
  if (!lua_isnoneornil(L, 1)) {
    luaL_checktype(L, 1, LUA_TTABLE);
    timeout_ms = opt_timeout(L, 1);
    lua_getfield(L, 1, "broadcast");
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1)) lua::field_error(L, 1, "broadcast", "a boolean", -1);
    broadcast = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
  }
  auto* socket = static_cast<SocketId*>(lua_newuserdatauv(L, sizeof(SocketId), 0));
  socket->id = 0;
  luaL_setmetatable(L, kUdpType);
  const char* failure = open(L, *socket, [broadcast, timeout_ms](SocketService& service) {
    return service.open_udp(broadcast, timeout_ms);
  });
  if (failure != nullptr) return luaL_error(L, "net.UDPSocket: %s", failure);
  return 1;
}

// [-0, +0] The metatable `type` with `methods` as __index, and __gc/__close.
void define_class(lua_State* L, const char* type, const luaL_Reg* methods, lua_CFunction gc, lua_CFunction close) {
  if (luaL_newmetatable(L, type)) {
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
}

}  // namespace

void add_socket_classes(lua_State* L) {
  static const luaL_Reg tcp_methods[] = {
      {"connect", &tcp_connect}, {"send", &tcp_send},   {"write", &tcp_send}, {"read", &tcp_read},
      {"readUntil", &tcp_read_until}, {"close", &tcp_close}, {nullptr, nullptr},
  };
  static const luaL_Reg udp_methods[] = {
      {"sendTo", &udp_send_to}, {"receive", &udp_receive}, {"bind", &udp_bind},
      {"close", &udp_close},     {nullptr, nullptr},
  };
  define_class(L, kTcpType, tcp_methods, &tcp_gc, &tcp_close);
  define_class(L, kUdpType, udp_methods, &udp_gc, &udp_close);
  lua_pushcfunction(L, &new_tcp);
  lua_setfield(L, -2, "TCPSocket");
  lua_pushcfunction(L, &new_udp);
  lua_setfield(L, -2, "UDPSocket");
}

}  // namespace plua::stdlib::net
