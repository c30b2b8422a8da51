#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/http_stream.hpp"
#include "web/http_reader.hpp"

using plua::stdlib::web::HttpReader;
using plua::stdlib::web::kMaxBody;
using plua::stdlib::web::request_path;

namespace {

std::string path_of(const std::string& target) {
  std::string out;
  return request_path(target, out) ? out : "<refused>";
}

// Every request in `bytes`, fed `chunk` bytes at a time: "METHOD path
// [body]" each, or "error N" for the error that ended the stream.
std::vector<std::string> requests(const std::string& bytes, std::size_t chunk) {
  std::vector<std::string> out;
  plua::test::read_requests(
      bytes, chunk,
      [&](const HttpReader& r) {
        out.push_back(std::string(r.method()) + " " + r.path() + (r.body().empty() ? "" : " " + r.body()) +
                      (r.keep_alive() ? "" : " (close)"));
      },
      [&](const HttpReader& r) { out.push_back("error " + std::to_string(static_cast<int>(r.error()))); });
  return out;
}

}  // namespace

TEST_CASE("request_path decodes the path, drops dot segments and keeps the query's fragments", "[web]") {
  CHECK(path_of("/api/devices/5555") == "/api/devices/5555");
  CHECK(path_of("/api/global%20Variables/a%2Fb") == "/api/global Variables/a/b");
  CHECK(path_of("/api/../../etc/passwd") == "/etc/passwd");
  CHECK(path_of("/qa/5555%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd") == "/etc/passwd");
  CHECK(path_of("/a/./b/../c/") == "/a/c/");
  CHECK(path_of("/..") == "/");
  CHECK(path_of("/api/refreshStates?last=5&x=a%26b") == "/api/refreshStates?last=5&x=a&b");
  CHECK(path_of("/p?&&a=1&") == "/p?a=1");
  CHECK(path_of("/p?a=1#frag") == "/p?a=1");
  CHECK(path_of("http://evil.example/api") == "<refused>");
  CHECK(path_of("*") == "<refused>");
  CHECK(path_of("/api/devices/%00") == "<refused>");
  CHECK(path_of("/api/%zz") == "<refused>");
  CHECK(path_of("/api/%4") == "<refused>");
  CHECK(path_of("/p?a=%00") == "<refused>");
}

TEST_CASE("pipelined requests come one at a time, however the bytes are cut", "[web]") {
  const std::string bytes =
      "GET /api/devices HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /api/globalVariables HTTP/1.1\r\nContent-Length: 4\r\n\r\n{\"a\"}"  // 4 of the 5 bytes
      "}\r\n"  // junk after the body: the next request line is bad
      ;
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, bytes.size()}) {
    const auto got = requests(bytes, chunk);
    REQUIRE(got.size() == 3);
    CHECK(got[0] == "GET /api/devices");
    CHECK(got[1] == "POST /api/globalVariables {\"a\"");
    CHECK(got[2].rfind("error ", 0) == 0);
  }
}

TEST_CASE("chunked bodies, HTTP/1.0 and Connection: close", "[web]") {
  const auto got = requests(
      "PUT /api/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
      "GET /api/y HTTP/1.0\r\n\r\n",
      5);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "PUT /api/x abcde");
  CHECK(got[1] == "GET /api/y (close)");
  CHECK(requests("GET /z HTTP/1.1\r\nConnection: close\r\n\r\n", 100) == std::vector<std::string>{"GET /z (close)"});
}

TEST_CASE("the server's limits and refusals", "[web]") {
  using E = HttpReader::Error;
  const auto error_of = [](const std::string& bytes) {
    const auto got = requests(bytes, 4096);
    return got.empty() ? std::string("none") : got.back();
  };
  const auto code = [](E e) { return "error " + std::to_string(static_cast<int>(e)); };
  CHECK(error_of("BREW /pot HTTP/1.1\r\n\r\n") == code(E::MethodNotAllowed));
  CHECK(error_of("HEAD /api HTTP/1.1\r\n\r\n") == code(E::MethodNotAllowed));
  CHECK(error_of(std::string("\x00\x01\x02 junk\r\n\r\n", 11)) == code(E::BadRequest));
  CHECK(error_of("GET http://evil/api HTTP/1.1\r\n\r\n") == code(E::BadRequest));
  CHECK(error_of("POST /a HTTP/1.1\r\nContent-Length: -5\r\n\r\n") == code(E::BadLength));
  CHECK(error_of("POST /a HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}") == code(E::BadLength));
  CHECK(error_of("POST /a HTTP/1.1\r\nContent-Length: " + std::to_string(kMaxBody + 1) + "\r\n\r\n") ==
        code(E::TooLarge));
  CHECK(error_of("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40001\r\n" + std::string(kMaxBody + 1, 'a')) ==
        code(E::TooLarge));
  CHECK(error_of("GET /a HTTP/1.1\r\nX-Big: " + std::string(17 * 1024, 'a') + "\r\n\r\n") == code(E::HeadTooLarge));
  CHECK(error_of("GET /" + std::string(17 * 1024, 'a') + " HTTP/1.1\r\n\r\n") == code(E::HeadTooLarge));
}

TEST_CASE("a WebSocket handshake is recognised with its key", "[web]") {
  HttpReader reader;
  const std::string bytes =
      "GET /api/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\x81\x80";
  std::size_t used = 0;
  REQUIRE(reader.feed(bytes.data(), bytes.size(), used) == HttpReader::Result::Request);
  CHECK(reader.websocket());
  CHECK(reader.websocket_key() == "dGhlIHNhbXBsZSBub25jZQ==");
  CHECK(bytes.size() - used == 2);  // the first frame's bytes are left for the WebSocket
}

TEST_CASE("Expect: 100-continue is seen once the headers are accepted, not after the body", "[web]") {
  HttpReader reader;
  const std::string head = "POST /api/x HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n";
  std::size_t used = 0;
  CHECK_FALSE(reader.take_continue());
  REQUIRE(reader.feed(head.data(), head.size(), used) == HttpReader::Result::NeedMore);
  CHECK(reader.take_continue());
  CHECK_FALSE(reader.take_continue());  // once
  REQUIRE(reader.feed("{}", 2, used) == HttpReader::Result::Request);
  CHECK(reader.body() == "{}");
  reader.next();
  const std::string refused = "POST /api/x HTTP/1.1\r\nContent-Length: 999999999\r\nExpect: 100-continue\r\n\r\n";
  CHECK(reader.feed(refused.data(), refused.size(), used) == HttpReader::Result::Error);
  CHECK_FALSE(reader.take_continue());  // a 413 instead
}
