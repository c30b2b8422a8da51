#include "json/decoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "json/null.hpp"
#include "json/text.hpp"

namespace plua::stdlib::json {

namespace {

// Where the parser is, for messages: what it was reading and what it wanted.
struct Context {
  const char* what;
  const char* expected;
  // Whether a malformed token's message names what was expected (not
  // where a value starts: the token itself tells).
  bool expected_after_bad_token = true;
};
constexpr Context kValue{"value", "'[', '{', or a literal", false};
constexpr Context kEnd{"value", "end of input"};
constexpr Context kKey{"object key", "string literal"};
constexpr Context kColon{"object separator", "':'"};
constexpr Context kObject{"object", "'}'"};
constexpr Context kArray{"array", "']'"};

constexpr int kHintDepths = 32;

struct Decoder {
  lua_State* L;
  const char* begin;
  const char* end;
  // Start of the last string or number read: a bad token's message shows
  // the text from there ("last read").
  const char* mark;
  // Size of the last array / object read at each shallow depth: the next
  // one there is likely alike (a list of devices), so its table starts at
  // that size instead of growing through every power of two.
  int array_hint[kHintDepths];
  int object_hint[kHintDepths];
};

// Writes the message for a parse error at `at` (end: end of input) into
// text (NUL-terminated). With last_read, it shows the text read since the
// last string or number, control characters as <U+XXXX>.
void describe(char* text, std::size_t size, const Decoder& d, const char* at, const Context& ctx, const char* message,
              bool last_read) {
  std::size_t line = 1;
  const char* line_start = d.begin;
  for (const char* p = d.begin; p < at; ++p) {
    if (*p == '\n') {
      ++line;
      line_start = p + 1;
    }
  }
  char read[160] = {0};
  std::size_t n = 0;
  if (last_read) {
    const char* from = d.mark;
    const char* to = at < d.end ? at + 1 : d.end;
    if (to - from > 100) from = to - 100;
    // Control characters as <U+XXXX>, bytes that are not UTF-8 as \xFF:
    // the message itself stays valid UTF-8 (it may end up in JSON).
    for (const char* p = from; p < to && n + 10 < sizeof read;) {
      const auto c = static_cast<unsigned char>(*p);
      const std::size_t len = c < 0x80 ? 1 : utf8_sequence(p, to);
      if (c < 0x20) {
        n += static_cast<std::size_t>(fmt::format_to_n(read + n, sizeof read - 1 - n, "<U+{:04X}>", c).size);
      } else if (len == 0) {
        n += static_cast<std::size_t>(fmt::format_to_n(read + n, sizeof read - 1 - n, "\\x{:02X}", c).size);
      } else {
        std::memcpy(read + n, p, len);
        n += len;
      }
      p += len == 0 ? 1 : len;
    }
  }
  const bool show_expected = !last_read || ctx.expected_after_bad_token;
  const auto written = fmt::format_to_n(
      text, size - 1, "json.decode: parse error at line {}, column {}: syntax error while parsing {} - {}{}{}{}{}{} (byte {})", line,
      at - line_start + 1, ctx.what, message, last_read ? "; last read: '" : "", std::string_view(read, n), last_read ? "'" : "",
      show_expected ? "; expected " : "", show_expected ? ctx.expected : "", at - d.begin + 1);
  text[std::min(written.size, size - 1)] = '\0';
}

// Raises the parse error at `at` (see describe).
[[noreturn, gnu::noinline]] void fail(const Decoder& d, const char* at, const Context& ctx, const char* message,
                                      bool last_read = false) {
  char text[512];
  describe(text, sizeof text, d, at, ctx, message, last_read);
  luaL_error(d.L, "%s", text);
  __builtin_unreachable();
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline const char* skip_space(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  return p;
}

// Literal `word` (true/false/null) at p; returns the end of it.
const char* read_literal(const Decoder& d, const char* p, const char* word, std::size_t len, const Context& ctx) {
  for (std::size_t i = 0; i < len; ++i) {
    if (p + i == d.end || p[i] != word[i]) fail(d, p + i, ctx, "invalid literal", true);
  }
  return p + len;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 4 hex digits after "\u" at p (p points at the 'u'), or -1.
long read_hex4(const Decoder& d, const char* p) {
  if (d.end - p < 5) return -1;
  long v = 0;
  for (int i = 1; i <= 4; ++i) {
    const int h = hex_digit(p[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// After a backslash: the rest of a string with escapes. p is at the
// backslash; [from, p) is the plain text before it. The decoded text is
// never longer than the source, so it is written straight into one
// luaL_Buffer area of that size. Returns the end of the string.
[[gnu::noinline]] const char* read_escaped(const Decoder& d, const char* from, const char* p, const Context& ctx) {
  // The closing quote: the first '"' after an even run of backslashes
  // (none found: the loop below reports the missing quote).
  const char* close = p;
  for (;;) {
    close = static_cast<const char*>(std::memchr(close, '"', static_cast<std::size_t>(d.end - close)));
    if (close == nullptr) {
      close = d.end;
      break;
    }
    std::size_t slashes = 0;
    while (close - slashes > p && close[-1 - static_cast<std::ptrdiff_t>(slashes)] == '\\') ++slashes;
    if (slashes % 2 == 0) break;
    ++close;
  }
  luaL_Buffer b;
  // + 8: copy_plain writes whole words.
  char* out = luaL_buffinitsize(d.L, &b, static_cast<std::size_t>(close - from) + 8);
  char* o = out;
  std::memcpy(o, from, static_cast<std::size_t>(p - from));
  o += p - from;
  for (;;) {
    const char* q = copy_plain(p, d.end, o);
    if (q == d.end) fail(d, d.end, ctx, "invalid string: missing closing quote", true);
    auto c = static_cast<unsigned char>(*q);
    if (c == '"') {
      luaL_pushresultsize(&b, static_cast<std::size_t>(o - out));
      return q + 1;
    }
    if (c >= 0x80) {
      do {
        const std::size_t n = utf8_sequence(q, d.end);
        if (n == 0) fail(d, q, ctx, "invalid string: ill-formed UTF-8 byte", true);
        std::memcpy(o, q, n);
        o += n;
        q += n;
      } while (q < d.end && static_cast<unsigned char>(*q) >= 0x80);
      p = q;
      continue;
    }
    if (c < 0x20) fail(d, q, ctx, "invalid string: control character must be escaped", true);
    // A backslash.
    if (q + 1 == d.end) fail(d, d.end, ctx, "invalid string: missing closing quote", true);
    char single = 0;
    switch (q[1]) {
      case '"': single = '"'; break;
      case '\\': single = '\\'; break;
      case '/': single = '/'; break;
      case 'b': single = '\b'; break;
      case 'f': single = '\f'; break;
      case 'n': single = '\n'; break;
      case 'r': single = '\r'; break;
      case 't': single = '\t'; break;
      case 'u': {
        long cp = read_hex4(d, q + 1);
        if (cp < 0) fail(d, q + 1, ctx, "invalid string: '\\u' must be followed by 4 hex digits", true);
        p = q + 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
          fail(d, p - 1, ctx, "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF", true);
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          const long low = (d.end - p >= 2 && p[0] == '\\' && p[1] == 'u') ? read_hex4(d, p + 1) : -1;
          if (low < 0xDC00 || low > 0xDFFF) {
            fail(d, p - 1, ctx, "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF", true);
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          p += 6;
        }
        o += put_utf8(o, static_cast<std::uint32_t>(cp));
        continue;
      }
      default:
        fail(d, q + 1, ctx, "invalid string: forbidden character after backslash", true);
    }
    *o++ = single;
    p = q + 2;
  }
}

// [-0, +1] The string whose opening quote is at p; returns its end.
const char* read_string(Decoder& d, const char* p, const Context& ctx) {
  d.mark = p;
  const char* from = p + 1;
  const char* q = find_special(from, d.end);
  while (q < d.end && static_cast<unsigned char>(*q) >= 0x80) {
    do {
      const std::size_t n = utf8_sequence(q, d.end);
      if (n == 0) fail(d, q, ctx, "invalid string: ill-formed UTF-8 byte", true);
      q += n;
    } while (q < d.end && static_cast<unsigned char>(*q) >= 0x80);
    q = find_special(q, d.end);
  }
  if (q == d.end) fail(d, d.end, ctx, "invalid string: missing closing quote", true);
  if (*q == '"') {
    lua_pushlstring(d.L, from, static_cast<std::size_t>(q - from));
    return q + 1;
  }
  if (*q == '\\') return read_escaped(d, from, q, ctx);
  fail(d, q, ctx, "invalid string: control character must be escaped", true);
}

// [-0, +1] The number starting at p; returns its end. Integers that fit
// 64 bits stay integers (-0 is the float -0.0); others are doubles.
const char* read_number(Decoder& d, const char* p, const Context& ctx) {
  d.mark = p;
  const char* start = p;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (p == d.end || !is_digit(*p)) fail(d, p, ctx, "invalid number; expected digit after '-'", true);
  const char* digits = p;
  std::uint64_t value = 0;
  if (*p == '0') {
    ++p;
  } else {
    while (p < d.end && is_digit(*p)) value = value * 10 + static_cast<std::uint64_t>(*p++ - '0');
  }
  const std::size_t ndigits = static_cast<std::size_t>(p - digits);
  bool is_float = false;
  if (p < d.end && *p == '.') {
    ++p;
    if (p == d.end || !is_digit(*p)) fail(d, p, ctx, "invalid number; expected digit after '.'", true);
    while (p < d.end && is_digit(*p)) ++p;
    is_float = true;
  }
  if (p < d.end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < d.end && (*p == '+' || *p == '-')) {
      ++p;
      if (p == d.end || !is_digit(*p)) fail(d, p, ctx, "invalid number; expected digit after exponent sign", true);
    } else if (p == d.end || !is_digit(*p)) {
      fail(d, p, ctx, "invalid number; expected '+', '-', or digit after exponent", true);
    }
    while (p < d.end && is_digit(*p)) ++p;
    is_float = true;
  }
  if (!is_float && ndigits <= 19) {
    constexpr std::uint64_t kMax = static_cast<std::uint64_t>(INT64_MAX);
    if (!negative && value <= kMax) {
      lua_pushinteger(d.L, static_cast<lua_Integer>(value));
      return p;
    }
    if (negative && value != 0 && value <= kMax + 1) {
      lua_pushinteger(d.L, static_cast<lua_Integer>(0 - value));
      return p;
    }
  }
  double number = 0;
  const auto parsed = std::from_chars(start, p, number);
  // Out of range: strtod's answer (+-HUGE_VAL or 0); the text after the
  // number cannot extend it, and a Lua string ends with a '\0'.
  if (parsed.ec != std::errc()) number = std::strtod(start, nullptr);
  lua_pushnumber(d.L, number);
  return p;
}

const char* read_value(Decoder& d, const char* p, int depth, const Context& ctx);

// Reports the token at p, which does not belong there: a valid one as
// "unexpected <token>", a malformed one by what is wrong with it.
[[noreturn]] void unexpected(Decoder& d, const char* p, const Context& ctx) {
  if (p == d.end) fail(d, p, ctx, "unexpected end of input");
  switch (*p) {
    case '[': fail(d, p, ctx, "unexpected '['");
    case '{': fail(d, p, ctx, "unexpected '{'");
    case ']': fail(d, p, ctx, "unexpected ']'");
    case '}': fail(d, p, ctx, "unexpected '}'");
    case ':': fail(d, p, ctx, "unexpected ':'");
    case ',': fail(d, p, ctx, "unexpected ','");
    case '"': fail(d, read_string(d, p, ctx) - 1, ctx, "unexpected string literal");
    case 't': fail(d, read_literal(d, p, "true", 4, ctx) - 1, ctx, "unexpected true literal");
    case 'f': fail(d, read_literal(d, p, "false", 5, ctx) - 1, ctx, "unexpected false literal");
    case 'n': fail(d, read_literal(d, p, "null", 4, ctx) - 1, ctx, "unexpected null literal");
    default:
      if (*p == '-' || is_digit(*p)) fail(d, read_number(d, p, ctx) - 1, ctx, "unexpected number literal");
      fail(d, p, ctx, "invalid literal", true);
  }
}

void check_depth(const Decoder& d, int depth) {
  if (depth > kMaxDecodeDepth || !lua_checkstack(d.L, 6)) luaL_error(d.L, "json.decode: nesting too deep");
}

// [-0, +1] p is just after '['.
const char* read_array(Decoder& d, const char* p, int depth) {
  check_depth(d, depth);
  int* hint = depth < kHintDepths ? &d.array_hint[depth] : nullptr;
  lua_createtable(d.L, hint ? *hint : 0, 0);
  p = skip_space(p, d.end);
  if (p < d.end && *p == ']') return p + 1;
  lua_Integer i = 0;
  for (;;) {
    p = read_value(d, p, depth, kValue);
    lua_rawseti(d.L, -2, ++i);
    p = skip_space(p, d.end);
    if (p < d.end && *p == ',') {
      p = skip_space(p + 1, d.end);
      continue;
    }
    if (p < d.end && *p == ']') {
      if (hint) *hint = static_cast<int>(std::min<lua_Integer>(i, 1024));
      return p + 1;
    }
    unexpected(d, p, kArray);
  }
}

// [-0, +1] p is just after '{'.
const char* read_object(Decoder& d, const char* p, int depth) {
  check_depth(d, depth);
  int* hint = depth < kHintDepths ? &d.object_hint[depth] : nullptr;
  lua_createtable(d.L, 0, hint ? *hint : 0);
  p = skip_space(p, d.end);
  if (p < d.end && *p == '}') return p + 1;
  int count = 0;
  for (;;) {
    ++count;
    if (p == d.end || *p != '"') unexpected(d, p, kKey);
    p = skip_space(read_string(d, p, kKey), d.end);
    if (p == d.end || *p != ':') unexpected(d, p, kColon);
    p = read_value(d, skip_space(p + 1, d.end), depth, kValue);
    lua_rawset(d.L, -3);
    p = skip_space(p, d.end);
    if (p < d.end && *p == ',') {
      p = skip_space(p + 1, d.end);
      continue;
    }
    if (p < d.end && *p == '}') {
      if (hint) *hint = std::min(count, 64);
      return p + 1;
    }
    unexpected(d, p, kObject);
  }
}

// [-0, +1] The value at p (white space already skipped); returns its end.
const char* read_value(Decoder& d, const char* p, int depth, const Context& ctx) {
  if (p == d.end) unexpected(d, p, ctx);
  switch (*p) {
    case '{': return read_object(d, p + 1, depth + 1);
    case '[': return read_array(d, p + 1, depth + 1);
    case '"': return read_string(d, p, ctx);
    case 't':
      lua_pushboolean(d.L, 1);
      return read_literal(d, p, "true", 4, ctx);
    case 'f':
      lua_pushboolean(d.L, 0);
      return read_literal(d, p, "false", 5, ctx);
    case 'n':
      lua_pushlightuserdata(d.L, null_value());
      return read_literal(d, p, "null", 4, ctx);
    default:
      if (*p == '-' || is_digit(*p)) return read_number(d, p, ctx);
      unexpected(d, p, ctx);
  }
}

}  // namespace

int decode(lua_State* L) {
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  Decoder d{L, text, text + len, text, {}, {}};
  const char* p = text;
  if (len >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;  // a UTF-8 byte order mark
  p = read_value(d, skip_space(p, d.end), 0, kValue);
  p = skip_space(p, d.end);
  if (p != d.end) unexpected(d, p, kEnd);
  return 1;
}

}  // namespace plua::stdlib::json
