#pragma once
// The texts net.TCPSocket and net.UDPSocket give a script's error
// callback, built here and nowhere else. They start with what failed, name
// the peer when there is one, and end with libuv's description of the
// system error (uv_strerror):
//   "cannot connect to 127.0.0.1:8080: connection refused"
//   "cannot resolve nonexistent.invalid: unknown node or service"
//   "timeout: no connection to 10.0.0.1:80 after 200 ms"
//   "timeout: nothing received after 200 ms"
//   "closed: the peer closed the connection"
//   "closed: the socket was closed"
//   "not connected: call connect first"
//   "already connected"
//   "cannot send: broken pipe"
//   "cannot read: connection reset by peer"

#include <cstdint>
#include <string>
#include <string_view>

namespace plua::stdlib::net {

inline constexpr const char* kSocketClosed = "closed: the socket was closed";
inline constexpr const char* kPeerClosed = "closed: the peer closed the connection";
inline constexpr const char* kNotConnected = "not connected: call connect first";
inline constexpr const char* kAlreadyConnected = "already connected";
inline constexpr const char* kExiting = "closed: the process is exiting";

std::string connect_error(int uv_status, std::string_view host, int port);
std::string resolve_error(int uv_status, std::string_view host);
std::string connect_timeout(std::string_view host, int port, std::uint64_t timeout_ms);
std::string receive_timeout(std::uint64_t timeout_ms);
// "cannot <action>: <uv_strerror>", action e.g. "send", "read".
std::string io_error(std::string_view action, int uv_status);

}  // namespace plua::stdlib::net
