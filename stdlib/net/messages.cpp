#include "net/messages.hpp"

#include <fmt/format.h>

namespace plua::stdlib::net {

std::string transfer_error(CURLcode code, const std::string& url, long timeout_ms) {
  if (code == CURLE_OPERATION_TIMEDOUT) return fmt::format("Operation timed out after {} ms ({})", timeout_ms, url);
  return fmt::format("{} ({})", curl_easy_strerror(code), url);
}

}  // namespace plua::stdlib::net
