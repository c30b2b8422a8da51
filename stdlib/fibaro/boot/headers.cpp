#include "fibaro/boot/headers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "timers/clock.hpp"

namespace plua::stdlib::fibaro {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "value -- comment" -> "value" (a comment needs the space before it).
std::string_view drop_comment(std::string_view s) {
  const std::size_t at = s.find(" --");
  return at == std::string_view::npos ? s : s.substr(0, at);
}

bool parse_number(std::string_view s, double& out) {
  if (s.empty()) return false;
  const std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(out);
}

bool parse_boolean(std::string_view s, bool& out) {
  if (s != "true" && s != "false") return false;
  out = s == "true";
  return true;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_table_literal(std::string_view s) { return s.size() >= 2 && s.front() == '{' && s.back() == '}'; }

// PLua's keys that need what an offline run has not: accepted, with a
// note that names the key only (a value may be a secret).
struct IgnoredKeys {
  std::array<const char*, 16> keys;
  const char* why;
};
constexpr IgnoredKeys kNeedsHc3{{"proxy_port", "proxy_new", "proxy_set_ui", "url", "user", "pwd", "pin",
                                 "install", "conceal", "logui", "zombie", nullptr, nullptr, nullptr, nullptr, nullptr},
                                "it needs a real HC3"};
constexpr IgnoredKeys kNeedsTools{{"desktop", "nodebug", "temp", "nodir", "condensedLog", "pport", "wport", "hport",
                                   "dport", "hip", "silent", "nocolor", "norun", "plugin", "include", nullptr},
                                  "it sets up PLua's own tools"};
constexpr IgnoredKeys kWebUi{{"webui", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                              nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
                             "plua serves its web UI at / whenever the API server is on"};
constexpr IgnoredKeys kNeedsClock{{"breakOnLoad", "breakOnInit", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                   nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
                                  "plua's debugger takes its breakpoints from the IDE"};

const char* why_ignored(std::string_view key) {
  for (const IgnoredKeys* group : {&kNeedsHc3, &kNeedsTools, &kWebUi, &kNeedsClock}) {
    for (const char* k : group->keys) {
      if (k != nullptr && key == k) return group->why;
    }
  }
  return nullptr;
}

struct Context {
  std::string_view where;  // "file:line"
  std::string_view key;
  std::string_view value;
  std::string& error;
  bool fail(std::string_view expected) {
    error = fmt::format("{}: header '{}' expects {}, got '{}'", where, key, expected, value);
    return false;
  }
};

// A text value written as a Lua string ("My QA" or 'My QA'), as fibemu's
// and TQAE's QuickApps do: the text inside the quotes.
std::string_view unquoted(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front() &&
      value.substr(1, value.size() - 2).find(value.front()) == std::string_view::npos) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

bool apply(Context c, Headers& out) {
  const std::string_view key = c.key, value = c.value;
  const auto text = [&](std::optional<std::string>& field) {
    const std::string_view inner = unquoted(value);
    if (inner.empty()) return c.fail("a string");
    field = std::string(inner);
    return true;
  };
  const auto number = [&](std::optional<double>& field) {
    double d = 0;
    if (!parse_number(value, d)) return c.fail("a number");
    field = d;
    return true;
  };
  const auto boolean = [&](std::optional<bool>& field) {
    bool b = false;
    if (!parse_boolean(value, b)) return c.fail("a boolean (true or false)");
    field = b;
    return true;
  };
  if (key == "name") return text(out.name);
  if (key == "type") {
    // Checked by the emulation against its one list of device types.
    out.type = HeaderValue{std::string(unquoted(value)), std::string(c.where)};
    return true;
  }
  if (key == "id") {
    double d = 0;
    if (!parse_number(value, d) || d < 1 || std::floor(d) != d) return c.fail("a positive integer");
    out.id = d;
    return true;
  }
  if (key == "var") {
    // name=value, or PLua's name:value
    const std::size_t eq = value.find_first_of("=:");
    if (eq == std::string_view::npos || !is_identifier(trim(value.substr(0, eq))) || trim(value.substr(eq + 1)).empty()) {
      return c.fail("name=value or name:value (value a Lua expression)");
    }
    out.vars.push_back(HeaderVar{std::string(trim(value.substr(0, eq))),
                                 HeaderValue{std::string(trim(value.substr(eq + 1))), std::string(c.where)}});
    return true;
  }
  if (key == "file") {
    const std::size_t sep = value.find_first_of(",:");
    if (sep == std::string_view::npos || trim(value.substr(0, sep)).empty() || trim(value.substr(sep + 1)).empty()) {
      return c.fail("path,name or path:name");
    }
    out.files.push_back(
        {std::string(trim(value.substr(0, sep))), std::string(trim(value.substr(sep + 1))), std::string(c.where)});
    return true;
  }
  if (key == "u") {
    if (!is_table_literal(value)) return c.fail("a Lua table literal {...}");
    out.ui.push_back(HeaderValue{std::string(value), std::string(c.where)});
    return true;
  }
  if (key == "interfaces") {
    if (!is_table_literal(value)) return c.fail("a Lua table literal {...}");
    out.interfaces = HeaderValue{std::string(value), std::string(c.where)};
    return true;
  }
  if (key == "offline") return boolean(out.offline);
  if (key == "proxy") return text(out.proxy);
  if (key == "proxy_url") {
    if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
      return c.fail("the URL the HC3 reaches plua's API server at (http://192.168.1.20:8080)");
    }
    out.proxy_url = std::string(value);
    return true;
  }
  if (key == "project") {
    double d = 0;
    if (!parse_number(value, d) || d < 1 || std::floor(d) != d) return c.fail("a positive integer (the QuickApp's id on the HC3)");
    out.project = d;
    return true;
  }
  if (key == "debug") {
    // true/false, or PLua's flag list "api:true,system:false": any flag on
    // turns the emulation's trace on.
    if (value.find(':') == std::string_view::npos) return boolean(out.debug);
    bool any = false;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view flag = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      const std::size_t colon = flag.find(':');
      bool on = false;
      if (colon == std::string_view::npos || !is_identifier(trim(flag.substr(0, colon))) ||
          !parse_boolean(trim(flag.substr(colon + 1)), on)) {
        return c.fail("true, false or flag:true,flag:false");
      }
      any = any || on;
    }
    out.debug = any;
    return true;
  }
  if (key == "fullLua") return boolean(out.full_lua);
  if (key == "api") return boolean(out.api);
  if (key == "api_port") {
    double d = 0;
    if (!parse_number(value, d) || d < 1 || d > 65535 || std::floor(d) != d) return c.fail("a port number (1 to 65535)");
    out.api_port = d;
    return true;
  }
  if (key == "api_host") {
    if (value.empty() || value.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos) {
      return c.fail("an IP address (127.0.0.1, 0.0.0.0, ::1)");
    }
    out.api_host = std::string(value);
    return true;
  }
  if (key == "state") return text(out.state);
  if (key == "save") {
    const std::string_view file = unquoted(value);
    if (file.size() < 5 || file.substr(file.size() - 4) != ".fqa") return c.fail("a file name ending in .fqa");
    out.save = std::string(file);
    return true;
  }
  if (key == "time") {
    if (!runtime::parse_start_time(value)) return c.fail(fmt::format("a date/time ({})", runtime::kStartTimeForms));
    out.time = std::string(value);
    return true;
  }
  if (key == "speed") {
    double d = 0;
    if (!parse_number(value, d) || !(d > 0)) return c.fail("a number of hours above 0");
    out.speed = d;
    return true;
  }
  if (key == "latitude") return number(out.latitude);
  if (key == "longitude") return number(out.longitude);
  if (key == "uid") return text(out.uid);
  if (key == "manufacturer") return text(out.manufacturer);
  if (key == "model") return text(out.model);
  if (key == "role") return text(out.role);
  if (key == "description") return text(out.description);
  if (const char* why = why_ignored(key)) {
    out.warnings.push_back(fmt::format("{}: header '{}' is ignored ({})", c.where, key, why));
    return true;
  }
  out.warnings.push_back(fmt::format("{}: unknown header '{}' (ignored)", c.where, key));
  return true;
}

// "key:value" or "key=value" (whichever separator comes first).
bool split(std::string_view body, std::string_view& key, std::string_view& value) {
  const std::size_t sep = body.find_first_of(":=");
  if (sep == std::string_view::npos) return false;
  key = trim(body.substr(0, sep));
  value = trim(drop_comment(body.substr(sep + 1)));
  return !key.empty();
}

}  // namespace

bool add_header(std::string_view header, std::string_view where, Headers& out, std::string& error) {
  std::string_view key, value;
  if (!split(header, key, value)) {
    error = fmt::format("{}: header '{}' is not key:value", where, trim(header));
    return false;
  }
  ++out.lines;
  return apply(Context{where, key, value, error}, out);
}

bool parse_headers(std::string_view text, std::string_view file, Headers& out, std::string& error) {
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view stripped = trim(line);
    // Any comment line naming ENDOFHEADERS ends them, as in PLua: the
    // published ------ENDOFHEADERS------ too.
    if (stripped.rfind("--", 0) == 0 && stripped.find("ENDOFHEADERS") != std::string_view::npos) break;
    if (stripped.rfind("--%%", 0) != 0) continue;
    const std::string where = fmt::format("{}:{}", file, line_no);
    if (!add_header(stripped.substr(4), where, out, error)) return false;
  }
  return true;
}

bool uses_fibaro_api(std::string_view text) {
  return text.find("QuickApp") != std::string_view::npos || text.find("fibaro.") != std::string_view::npos ||
         text.find("api.") != std::string_view::npos;
}

}  // namespace plua::stdlib::fibaro
