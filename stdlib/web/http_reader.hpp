#pragma once
// HTTP/1.x requests off a byte stream, one at a time, on Debian's
// http-parser (node's parser before llhttp: chunked bodies, keep-alive,
// pipelining, Content-Length checks). This adds the server's limits: the
// request line and headers together up to kMaxHead bytes, a body up to
// kMaxBody, the methods the HC3 API has. No I/O here: web_connection.cpp
// feeds it what the socket read. http_parser.h stays in the .cpp: its
// enum http_status clashes with libwebsockets.h's.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace plua::stdlib::web {

// Bodies above this get 413 without being read.
inline constexpr std::size_t kMaxBody = 256 * 1024;
// The request line and headers: above this the connection closes unanswered.
inline constexpr std::size_t kMaxHead = 16 * 1024;

// What the router sees of a request target: the path decoded (%XX) with
// its dot segments removed, then '?' and the query's name=value fragments,
// each decoded, joined by '&'. False for a target that is not a path
// (absolute-form, "*"), a bad escape or a %00 in the path.
bool request_path(std::string_view target, std::string& out);

class HttpReader {
 public:
  enum class Result : std::uint8_t {
    NeedMore,  // all bytes used, no whole request yet
    Request,   // a whole request: method(), path(), body(), ...
    Error,     // error(): answer it (if it has a status) and close
  };
  enum class Error : std::uint8_t {
    None,
    BadRequest,        // 400
    BadLength,         // 400, a bad or repeated Content-Length
    MethodNotAllowed,  // 405
    TooLarge,          // 413, the body is above kMaxBody
    HeadTooLarge,      // closed without an answer
  };

  HttpReader();
  ~HttpReader();
  HttpReader(const HttpReader&) = delete;
  HttpReader& operator=(const HttpReader&) = delete;

  // Parses from `data`; `used` is how many bytes it took. After Request,
  // the bytes after `used` belong to the next request (or, for an
  // upgrade, to the new protocol): call next() before feeding them.
  Result feed(const char* data, std::size_t size, std::size_t& used);
  // Ready for the next request on the same connection.
  void next();

  Error error() const { return error_; }
  const char* method() const { return method_; }
  const std::string& path() const { return path_; }
  const std::string& body() const { return body_; }
  bool keep_alive() const { return keep_alive_; }
  // HTTP/1.0 (or 0.9): the answer says HTTP/1.0.
  bool http10() const { return http10_; }
  // A WebSocket handshake (Upgrade: websocket with a key).
  bool websocket() const { return upgrade_ && !ws_key_.empty() && ws_upgrade_; }
  const std::string& websocket_key() const { return ws_key_; }
  // True once per request whose client waits for "100 Continue" before
  // sending its body (Expect: 100-continue, as curl does above 1 KiB),
  // once its headers have been read and accepted.
  bool take_continue() {
    const bool now = expect_continue_ && headers_done_ && !complete_;
    if (now) expect_continue_ = false;
    return now;
  }
  // Whether any byte of a request came since the last one ended.
  bool started() const { return started_; }

 private:
  struct Parser;     // http_parser, with a way back here
  struct Callbacks;  // its callbacks
  friend struct Callbacks;
  bool count_head(std::size_t len);
  void end_header();
  void reset();

  std::unique_ptr<Parser> parser_;
  Error error_ = Error::None;
  const char* method_ = "";
  std::string target_, path_, body_;
  std::string field_, value_;
  bool in_value_ = false;
  std::size_t head_bytes_ = 0;
  std::string ws_key_;
  bool ws_upgrade_ = false;
  bool expect_continue_ = false;
  bool headers_done_ = false;
  bool upgrade_ = false;
  bool keep_alive_ = false;
  bool http10_ = false;
  bool started_ = false;
  bool complete_ = false;
};

}  // namespace plua::stdlib::web
