#pragma once
// Byte-level facts shared by the json encoder and decoder: where the next
// byte that needs a closer look is, how long a well-formed UTF-8 sequence
// is, and numbers as text. No Lua here: nothing in this file can raise.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace plua::stdlib::json {

// Bytes that need a closer look in a JSON string: '"', '\\', below 0x20,
// or at least 0x80 (UTF-8 to check).
inline bool is_special(unsigned char c) { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80; }

// The high bit of each byte of w that is special; the lowest one set is
// exact (the borrows of the tests only run upwards).
inline std::uint64_t special_bits(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t quote = w ^ (ones * '"');
  const std::uint64_t slash = w ^ (ones * '\\');
  return (((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((w - ones * 0x20) & ~w) | w) & highs;
}

// Offset of the first special byte of a word with special_bits != 0.
inline std::size_t first_special(std::uint64_t bits) { return static_cast<std::size_t>(std::countr_zero(bits)) >> 3; }

inline constexpr bool kWordScan = std::endian::native == std::endian::little;

// The first special byte in [p, end), or end. 8 bytes at a time.
inline const char* find_special(const char* p, const char* end) {
  if constexpr (kWordScan) {
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      const std::uint64_t bits = special_bits(w);
      if (bits != 0) return p + first_special(bits);
      p += 8;
    }
  }
  while (p < end && !is_special(static_cast<unsigned char>(*p))) ++p;
  return p;
}

// Copies the bytes before the first special one in [p, end) to o and
// returns where it stopped; o advances past the copy. Writes in whole words:
// o needs 8 bytes of room beyond the copy.
inline const char* copy_plain(const char* p, const char* end, char*& o) {
  if constexpr (kWordScan) {
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      std::memcpy(o, &w, 8);
      const std::uint64_t bits = special_bits(w);
      if (bits != 0) {
        const std::size_t k = first_special(bits);
        o += k;
        return p + k;
      }
      p += 8;
      o += 8;
    }
  }
  while (p < end && !is_special(static_cast<unsigned char>(*p))) *o++ = *p++;
  return p;
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
