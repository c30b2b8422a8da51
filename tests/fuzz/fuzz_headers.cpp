// libFuzzer target: the --%% header parser. Any text parses or fails with
// a message that names the file; it never crashes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fibaro/boot/headers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  plua::stdlib::fibaro::Headers headers;
  std::string error;
  if (plua::stdlib::fibaro::parse_headers(text, "fuzz.lua", headers, error)) {
    if (!error.empty() || headers.lines < 0) __builtin_trap();
  } else if (error.rfind("fuzz.lua:", 0) != 0) {
    __builtin_trap();
  }
  (void)plua::stdlib::fibaro::uses_fibaro_api(text);
  return 0;
}
