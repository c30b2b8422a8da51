#include "net/socket/socket_messages.hpp"

#include <fmt/format.h>
#include <uv.h>

namespace plua::stdlib::net {

std::string connect_error(int uv_status, std::string_view host, int port) {
  return fmt::format("cannot connect to {}:{}: {}", host, port, uv_strerror(uv_status));
}

std::string resolve_error(int uv_status, std::string_view host) {
  return fmt::format("cannot resolve {}: {}", host, uv_strerror(uv_status));
}

std::string connect_timeout(std::string_view host, int port, std::uint64_t timeout_ms) {
  return fmt::format("timeout: no connection to {}:{} after {} ms", host, port, timeout_ms);
}

std::string receive_timeout(std::uint64_t timeout_ms) {
  return fmt::format("timeout: nothing received after {} ms", timeout_ms);
}

std::string io_error(std::string_view action, int uv_status) {
  return fmt::format("cannot {}: {}", action, uv_strerror(uv_status));
}

}  // namespace plua::stdlib::net
