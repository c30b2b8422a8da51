#include "net/http/messages.hpp"

#include <fmt/format.h>

namespace plua::stdlib::net {

std::string transfer_error(const CurlApi& curl, CURLcode code, const std::string& url, long timeout_ms) {
  if (code == CURLE_OPERATION_TIMEDOUT) return fmt::format("Operation timed out after {} ms ({})", timeout_ms, url);
  return fmt::format("{} ({})", curl.easy_strerror(code), url);
}

}  // namespace plua::stdlib::net
