#pragma once
// Byte-level facts shared by the json encoder and decoder: where the next
// byte that needs a closer look is, how long a well-formed UTF-8 sequence
// is, and numbers as text. No Lua here: nothing in this file can raise.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace plua::stdlib::json {

// The first byte in [p, end) that is '"', '\\', below 0x20 or at least
// 0x80 (end when there is none). Looks at 8 bytes at a time: a word with
// none of those bytes is skipped whole.
inline const char* find_special(const char* p, const char* end) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t slash = w ^ (ones * '\\');
    // Each term is non-zero when some byte is zero / below 0x20 / high.
    const std::uint64_t hit = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((w - ones * 0x20) & ~w) | w;
    if ((hit & highs) != 0) break;
    p += 8;
  }
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
  }
  return end;
}

// Length of the well-formed UTF-8 sequence starting at p (p < end, *p >=
// 0x80), or 0 when it is ill-formed: a stray continuation byte, an overlong
// form, a surrogate (U+D800..U+DFFF) or beyond U+10FFFF, or cut short.
inline std::size_t utf8_sequence(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const std::size_t left = static_cast<std::size_t>(end - p);
  const unsigned char c = s[0];
  auto cont = [&](std::size_t i) { return i < left && (s[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && s[1] >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && s[1] >= 0x90) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

// Writes code point cp (at most U+10FFFF, not a surrogate) as UTF-8 at
// out; returns the bytes written (1..4).
inline std::size_t put_utf8(char* out, std::uint32_t cp) {
  auto* o = reinterpret_cast<unsigned char*>(out);
  if (cp < 0x80) {
    o[0] = static_cast<unsigned char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    o[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    o[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    o[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    o[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
  o[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
  o[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
  o[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  return 4;
}

// Room format_number needs.
inline constexpr std::size_t kNumberChars = 40;

// An integer as decimal text; returns the length.
std::size_t format_integer(char* out, std::int64_t n);

// A finite double as the shortest text that reads back as the same double,
// laid out as printf's %g would for that many digits ("0.1", "1e+300",
// "-0", "123.5"); returns the length.
std::size_t format_double(char* out, double d);

// A number key as Lua's tostring writes it (%.14g, ".0" added when that
// looks like an integer): the text json.encode uses for it.
std::size_t format_key_number(char* out, double d);

}  // namespace plua::stdlib::json
