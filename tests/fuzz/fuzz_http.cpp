// libFuzzer target: the web server's request reader. Any bytes, cut
// anywhere, give whole requests within the server's limits, then at most
// one error. Never a crash, never a body above kMaxBody or a path with a
// "." or ".." segment.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../unit/support/http_stream.hpp"
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

  plua::test::read_requests(bytes, piece, check_request, [](const HttpReader& reader) {
    if (reader.error() == HttpReader::Error::None) __builtin_trap();
  });
  return 0;
}
