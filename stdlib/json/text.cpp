#include "json/text.hpp"

#include <charconv>
#include <cstdio>

namespace plua::stdlib::json {

std::size_t format_integer(char* out, std::int64_t n) {
  return static_cast<std::size_t>(std::to_chars(out, out + kNumberChars, n).ptr - out);
}

// std::to_chars gives the shortest digits that read back the same; printf's
// %g rule then picks the layout: exponent form when the exponent X is below
// -4 or at least the number of digits P, else plain digits with a point.
std::size_t format_double(char* out, double d) {
  char sci[kNumberChars];
  const char* sci_end = std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific).ptr;
  const char* p = sci;
  char* o = out;
  if (*p == '-') *o++ = *p++;
  char digits[24];
  std::size_t ndigits = 0;
  for (; p < sci_end && *p != 'e'; ++p) {
    if (*p != '.') digits[ndigits++] = *p;
  }
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), sci_end, exponent);
  const int count = static_cast<int>(ndigits);
  if (exponent < -4 || exponent >= count) {
    // The same text as to_chars' scientific form: "d.ddde+XX".
    const std::size_t n = static_cast<std::size_t>(sci_end - sci) - (sci[0] == '-' ? 1 : 0);
    std::memcpy(o, sci + (sci[0] == '-' ? 1 : 0), n);
    return static_cast<std::size_t>(o - out) + n;
  }
  if (exponent < 0) {
    *o++ = '0';
    *o++ = '.';
    for (int i = -1; i > exponent; --i) *o++ = '0';
    std::memcpy(o, digits, ndigits);
    o += ndigits;
  } else {
    const std::size_t whole = static_cast<std::size_t>(exponent) + 1;
    std::memcpy(o, digits, whole);
    o += whole;
    if (ndigits > whole) {
      *o++ = '.';
      std::memcpy(o, digits + whole, ndigits - whole);
      o += ndigits - whole;
    }
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t format_key_number(char* out, double d) {
  int n = std::snprintf(out, kNumberChars, "%.14g", d);
  bool looks_integer = true;
  for (int i = 0; i < n; ++i) {
    if (out[i] != '-' && (out[i] < '0' || out[i] > '9')) looks_integer = false;
  }
  if (looks_integer) {
    out[n++] = '.';
    out[n++] = '0';
  }
  return static_cast<std::size_t>(n);
}

}  // namespace plua::stdlib::json
