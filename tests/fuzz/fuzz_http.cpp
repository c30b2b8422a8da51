// libFuzzer target: the web server's request reader. Any bytes, cut
// anywhere, give whole requests within the server's limits, then at most
// one error. Never a crash, never a body above kMaxBody or a path with a
// "." or ".." segment.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "web/http_reader.hpp"

using namespace plua::stdlib::web;

namespace {

void check_request(const HttpReader& reader) {
  const std::string& path = reader.path();
  const std::string clean = path.substr(0, path.find('?'));
  if (reader.body().size() > kMaxBody || clean.empty() || clean[0] != '/' ||
      clean.find("/../") != std::string::npos || clean.find("/./") != std::string::npos) {
    __builtin_trap();  // invariant broken
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte says where the stream is cut: 1 to 256 bytes a piece.
  const std::size_t piece = static_cast<std::size_t>(data[0]) + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  HttpReader reader;
  std::string pending;
  bool failed = false;
  for (std::size_t at = 0; at < bytes.size() && !failed; at += piece) {
    pending.append(bytes.substr(at, piece));
    while (!pending.empty()) {
      std::size_t used = 0;
      const HttpReader::Result r = reader.feed(pending.data(), pending.size(), used);
      if (r == HttpReader::Result::NeedMore) {
        pending.clear();
        break;
      }
      if (r == HttpReader::Result::Error) {
        if (reader.error() == HttpReader::Error::None) __builtin_trap();
        failed = true;
        break;
      }
      if (used > pending.size()) __builtin_trap();
      check_request(reader);
      pending.erase(0, used);
      reader.next();
    }
  }

  return 0;
}
