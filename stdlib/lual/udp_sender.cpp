// lual.native.udp(host, port) -> sender | nil, message: a connected UDP
// socket for lual.syslog (RFC 3164 datagrams), so syslog needs no luasocket.
// sender:send(datagram) -> true | nil, message; sender:close().

#include <lua.hpp>

#include <netdb.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace plua::stdlib {

namespace {

constexpr const char* kUdpType = "plua.lual.UdpSender";

struct UdpSender {
  int fd = -1;
};

UdpSender& check_sender(lua_State* L) {
  auto* s = static_cast<UdpSender*>(luaL_checkudata(L, 1, kUdpType));
  if (s->fd < 0) luaL_error(L, "syslog socket is closed");
  return *s;
}

int sender_send(lua_State* L) {
  UdpSender& s = check_sender(L);
  size_t len = 0;
  const char* data = luaL_checklstring(L, 2, &len);
  if (::send(s.fd, data, len, MSG_NOSIGNAL) < 0) {
    const int err = errno;
    lua_pushnil(L);
    lua_pushstring(L, std::strerror(err));
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

int sender_close(lua_State* L) {
  auto* s = static_cast<UdpSender*>(luaL_checkudata(L, 1, kUdpType));
  if (s->fd >= 0) ::close(s->fd);
  s->fd = -1;
  return 0;
}

// Resolves host:port and connects a datagram socket to the first address
// that takes it; -1 with `error` filled otherwise.
int connect_udp(const char* host, lua_Integer port, char* error, std::size_t error_size) {
  char service[16];
  std::snprintf(service, sizeof service, "%lld", static_cast<long long>(port));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host, service, &hints, &found); rc != 0) {
    std::snprintf(error, error_size, "cannot resolve %s: %s", host, ::gai_strerror(rc));
    return -1;
  }
  int fd = -1;
  int last_error = 0;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      last_error = errno;
      ::close(fd);
      fd = -1;
    } else if (fd < 0) {
      last_error = errno;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) std::snprintf(error, error_size, "cannot reach %s:%s: %s", host, service, std::strerror(last_error));
  return fd;
}

int native_udp(lua_State* L) {
  const char* host = luaL_checkstring(L, 1);
  const lua_Integer port = luaL_checkinteger(L, 2);
  luaL_argcheck(L, port > 0 && port < 65536, 2, "port must be 1..65535");
  auto* s = static_cast<UdpSender*>(lua_newuserdatauv(L, sizeof(UdpSender), 0));
  s->fd = -1;
  luaL_setmetatable(L, kUdpType);
  char error[256];
  s->fd = connect_udp(host, port, error, sizeof error);
  if (s->fd < 0) {
    lua_pushnil(L);
    lua_pushstring(L, error);
    return 2;
  }
  return 1;
}

}  // namespace

void register_udp_sender(lua_State* L) {
  static const luaL_Reg methods[] = {{"send", &sender_send}, {"close", &sender_close}, {nullptr, nullptr}};
  if (luaL_newmetatable(L, kUdpType)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &sender_close);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, &native_udp);
  lua_setfield(L, -2, "udp");
}

}  // namespace plua::stdlib
