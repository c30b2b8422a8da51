#include "web/ws_frames.hpp"

#include <array>

namespace plua::stdlib::web {

namespace {

constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void sha1_block(std::array<std::uint32_t, 5>& h, const unsigned char* block) {
  std::uint32_t w[80];
  for (int i = 0; i < 16; ++i) {
    w[i] = static_cast<std::uint32_t>(block[4 * i]) << 24 | static_cast<std::uint32_t>(block[4 * i + 1]) << 16 |
           static_cast<std::uint32_t>(block[4 * i + 2]) << 8 | static_cast<std::uint32_t>(block[4 * i + 3]);
  }
  for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; ++i) {
    std::uint32_t f = 0, k = 0;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

}  // namespace

std::string sha1(std::string_view data) {
  std::array<std::uint32_t, 5> h{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string padded(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  padded += static_cast<char>(0x80);
  while (padded.size() % 64 != 56) padded += '\0';
  for (int i = 7; i >= 0; --i) padded += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (std::size_t i = 0; i < padded.size(); i += 64) {
    sha1_block(h, reinterpret_cast<const unsigned char*>(padded.data() + i));
  }
  std::string out;
  for (const std::uint32_t word : h) {
    for (int i = 3; i >= 0; --i) out += static_cast<char>((word >> (8 * i)) & 0xff);
  }
  return out;
}

std::string base64(std::string_view data) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                   static_cast<unsigned char>(data[i + 2]);
    out += kDigits[n >> 18];
    out += kDigits[(n >> 12) & 63];
    out += kDigits[(n >> 6) & 63];
    out += kDigits[n & 63];
  }
  if (i < data.size()) {
    const bool two = i + 1 < data.size();
    const auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                   (two ? static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 : 0);
    out += kDigits[n >> 18];
    out += kDigits[(n >> 12) & 63];
    out += two ? kDigits[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string websocket_accept(std::string_view key) {
  std::string text(key);
  text += kGuid;
  return base64(sha1(text));
}

void append_ws_frame(std::string& out, WsOpcode opcode, std::string_view payload) {
  out += static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode));
  const std::size_t n = payload.size();
  if (n < 126) {
    out += static_cast<char>(n);
  } else if (n <= 0xffff) {
    out += static_cast<char>(126);
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  } else {
    out += static_cast<char>(127);
    for (int i = 7; i >= 0; --i) out += static_cast<char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xff);
  }
  out.append(payload);
}

WsFrameReader::Status WsFrameReader::next(Frame& frame) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(buffer_[i]); };
  if (buffer_.size() < 2) return Status::NeedMore;
  const bool final = (byte(0) & 0x80) != 0;
  const std::uint8_t opcode = byte(0) & 0x0f;
  if ((byte(0) & 0x70) != 0) {
    why_ = "reserved bits set";
    return Status::Error;
  }
  if ((byte(1) & 0x80) == 0) {
    why_ = "an unmasked client frame";
    return Status::Error;
  }
  std::uint64_t length = byte(1) & 0x7f;
  std::size_t at = 2;
  if (length == 126) {
    if (buffer_.size() < 4) return Status::NeedMore;
    length = static_cast<std::uint64_t>(byte(2)) << 8 | byte(3);
    at = 4;
  } else if (length == 127) {
    if (buffer_.size() < 10) return Status::NeedMore;
    length = 0;
    for (std::size_t i = 2; i < 10; ++i) length = length << 8 | byte(i);
    at = 10;
  }
  const bool control = (opcode & 0x08) != 0;
  if (control && (length > 125 || !final)) {
    why_ = "a long or fragmented control frame";
    return Status::Error;
  }
  if (opcode != 0 && opcode != 1 && opcode != 2 && opcode != 8 && opcode != 9 && opcode != 10) {
    why_ = "an unknown opcode";
    return Status::Error;
  }
  if (length > kMaxPayload) {
    why_ = "a frame above 64 KiB";
    return Status::Error;
  }
  const std::size_t whole = at + 4 + static_cast<std::size_t>(length);
  if (buffer_.size() < whole) return Status::NeedMore;
  const char* mask = buffer_.data() + at;
  frame.opcode = static_cast<WsOpcode>(opcode);
  frame.final = final;
  frame.payload.assign(buffer_, at + 4, static_cast<std::size_t>(length));
  for (std::size_t i = 0; i < frame.payload.size(); ++i) frame.payload[i] ^= mask[i % 4];
  buffer_.erase(0, whole);
  return Status::Frame;
}

}  // namespace plua::stdlib::web
