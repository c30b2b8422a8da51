#pragma once
// What one http:request() asks for, copied out of the Lua arguments so that
// nothing on the C++ side points into Lua memory.

#include <string>
#include <vector>

namespace plua::stdlib::net {

// Used when neither the request nor the client sets a timeout.
inline constexpr long kDefaultTimeoutMs = 30'000;
// Redirects followed before the request fails.
inline constexpr long kMaxRedirects = 10;

struct RequestSpec {
  std::string url;
  std::string method = "GET";        // upper case
  std::vector<std::string> headers;  // "Name: value" lines
  std::string body;
  bool has_body = false;             // options.data was given
  long timeout_ms = kDefaultTimeoutMs;
  bool check_certificate = true;
};

}  // namespace plua::stdlib::net
