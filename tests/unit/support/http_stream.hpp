#pragma once
// Drives an HttpReader over a byte stream cut into `piece`-byte reads, as
// a connection does: on_request(reader) for each whole request, then
// on_error(reader) for the error that ends the stream, if any. Shared by
// the unit tests and the fuzz_http target.

#include <cstddef>
#include <string>
#include <string_view>

#include "web/http_reader.hpp"

namespace plua::test {

template <typename OnRequest, typename OnError>
void read_requests(std::string_view bytes, std::size_t piece, OnRequest on_request, OnError on_error) {
  using plua::stdlib::web::HttpReader;
  HttpReader reader;
  std::string pending;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    pending.append(bytes.substr(at, piece));
    while (!pending.empty()) {
      std::size_t used = 0;
      const HttpReader::Result r = reader.feed(pending.data(), pending.size(), used);
      if (r == HttpReader::Result::NeedMore) {
        pending.clear();
        break;
      }
      if (r == HttpReader::Result::Error) {
        on_error(reader);
        return;
      }
      if (used > pending.size()) __builtin_trap();
      on_request(reader);
      pending.erase(0, used);
      reader.next();
    }
  }
}

}  // namespace plua::test
