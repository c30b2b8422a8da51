#pragma once
// The server's half of RFC 6455 (the /api/events stream): the handshake's
// accept key, the frames the server sends (unmasked) and a reader for the
// frames clients send (masked). Plain functions and one small state
// machine, no I/O: web_connection.cpp moves the bytes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace plua::stdlib::web {

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key:
// base64(SHA-1(key + the RFC's GUID)).
std::string websocket_accept(std::string_view key);

// SHA-1 of `data` (20 bytes) and base64 (with padding): what the accept
// key is made of, public for the unit tests.
std::string sha1(std::string_view data);
std::string base64(std::string_view data);

enum class WsOpcode : std::uint8_t { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

// Appends one whole frame (FIN set, unmasked) to `out`.
void append_ws_frame(std::string& out, WsOpcode opcode, std::string_view payload);

// Reads the frames a client sends, in pieces as they come. A client's
// frames must be masked and a control frame must be short and whole
// (RFC 6455 5.1, 5.5); a frame above kMaxPayload is refused.
class WsFrameReader {
 public:
  static constexpr std::size_t kMaxPayload = 64 * 1024;

  struct Frame {
    WsOpcode opcode;
    bool final;
    std::string payload;  // unmasked
  };
  enum class Status : std::uint8_t { NeedMore, Frame, Error };

  void feed(std::string_view data) { buffer_.append(data); }
  // The next whole frame into `frame`, NeedMore until one is whole, or
  // Error (the connection must close; why() says why).
  Status next(Frame& frame);
  const char* why() const { return why_; }

 private:
  std::string buffer_;
  const char* why_ = "";
};

}  // namespace plua::stdlib::web
