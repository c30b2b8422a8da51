#include <catch2/catch.hpp>

#include <string>

#include "web/ws_frames.hpp"

using namespace plua::stdlib::web;

namespace {

std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += kDigits[(static_cast<unsigned char>(c) >> 4) & 15];
    out += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

// A client frame: FIN, `opcode`, masked with `mask`.
std::string client_frame(int opcode, const std::string& payload, const char mask[4] = "\x01\x02\x03\x04") {
  std::string f;
  f += static_cast<char>(0x80 | opcode);
  if (payload.size() < 126) {
    f += static_cast<char>(0x80 | payload.size());
  } else {
    f += static_cast<char>(0x80 | 126);
    f += static_cast<char>(payload.size() >> 8);
    f += static_cast<char>(payload.size() & 0xff);
  }
  f.append(mask, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) f += static_cast<char>(payload[i] ^ mask[i % 4]);
  return f;
}

}  // namespace

TEST_CASE("sha1 and base64 match their published test vectors", "[web]") {
  CHECK(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(hex(sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("the accept key of RFC 6455's own handshake example", "[web]") {
  CHECK(websocket_accept("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("server frames carry 7-bit, 16-bit and 64-bit lengths, unmasked", "[web]") {
  std::string out;
  append_ws_frame(out, WsOpcode::Text, "hi");
  CHECK(hex(out) == "81026869");
  out.clear();
  append_ws_frame(out, WsOpcode::Text, std::string(300, 'x'));
  CHECK(hex(out.substr(0, 4)) == "817e012c");
  CHECK(out.size() == 304);
  out.clear();
  append_ws_frame(out, WsOpcode::Text, std::string(70000, 'x'));
  CHECK(hex(out.substr(0, 10)) == "817f0000000000011170");
  CHECK(out.size() == 70010);
}

TEST_CASE("the reader unmasks client frames that come in pieces", "[web]") {
  WsFrameReader reader;
  WsFrameReader::Frame frame;
  const std::string bytes = client_frame(1, "hello") + client_frame(9, "ping!") + client_frame(1, std::string(200, 'z'));
  // One byte at a time: each frame appears once it is whole.
  std::string seen;
  for (const char c : bytes) {
    reader.feed(std::string_view(&c, 1));
    while (reader.next(frame) == WsFrameReader::Status::Frame) {
      seen += std::to_string(static_cast<int>(frame.opcode)) + ":" + frame.payload.substr(0, 5) + ";";
    }
  }
  CHECK(seen == "1:hello;9:ping!;1:zzzzz;");
  CHECK(reader.next(frame) == WsFrameReader::Status::NeedMore);
}

TEST_CASE("the reader refuses what a client must not send", "[web]") {
  WsFrameReader::Frame frame;
  SECTION("an unmasked frame") {
    WsFrameReader reader;
    reader.feed(std::string("\x81\x02hi", 4));
    CHECK(reader.next(frame) == WsFrameReader::Status::Error);
    CHECK(std::string(reader.why()) == "an unmasked client frame");
  }
  SECTION("a control frame above 125 bytes") {
    WsFrameReader reader;
    reader.feed(client_frame(9, std::string(126, 'p')));
    CHECK(reader.next(frame) == WsFrameReader::Status::Error);
  }
  SECTION("a frame above 64 KiB, refused from its header alone") {
    WsFrameReader reader;
    reader.feed(std::string("\x81\xff\x00\x00\x00\x00\x00\x01\x00\x01", 10));
    CHECK(reader.next(frame) == WsFrameReader::Status::Error);
  }
  SECTION("reserved bits and unknown opcodes") {
    WsFrameReader a, b;
    a.feed(std::string("\xc1\x80\x00\x00\x00\x00", 6));
    CHECK(a.next(frame) == WsFrameReader::Status::Error);
    b.feed(client_frame(3, "x"));
    CHECK(b.next(frame) == WsFrameReader::Status::Error);
  }
}
