#pragma once
// Fibaro-style `--%%key:value` headers (../shared/spec/fibaro.md): found
// anywhere before an optional `--ENDOFHEADERS` line (any comment line that
// names it), values trimmed and checked against the key's type. A bad
// value is an error naming the file, the line, the key and the type
// expected; an unknown key is a warning.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plua::stdlib::fibaro {

struct FileHeader {
  std::string path;  // "$module" for a module found on package.path
  std::string name;
  std::string where;  // "file:line" of the header
};

// A header value the emulation checks itself: Lua source (a `var` value, a
// `u` or `interfaces` table) or a device type; `where` ("file:line") names
// it in errors.
struct HeaderValue {
  std::string text;
  std::string where;
};

struct HeaderVar {
  std::string name;
  HeaderValue value;
};

struct Headers {
  int lines = 0;  // header lines seen
  std::optional<std::string> name, state, time, uid, manufacturer, model, role, description;
  // A real HC3: proxy (the name of the proxy QuickApp there), project (the
  // id there of the QuickApp this file is; .project files say it too).
  // proxy_url: where the proxy on the HC3 reaches plua's API server.
  std::optional<std::string> proxy, proxy_url;
  std::optional<std::string> save;  // an .fqa the QuickApp is packed into as it starts
  std::optional<double> project;
  std::optional<double> id, latitude, longitude;
  std::optional<double> speed;  // hours on the virtual clock
  std::optional<bool> offline, debug, full_lua;
  // The HC3 API server: api_port, api_host, api (false: no server).
  std::optional<double> api_port;
  std::optional<std::string> api_host;
  std::optional<bool> api;
  std::optional<HeaderValue> type, interfaces;
  std::vector<HeaderVar> vars;
  std::vector<FileHeader> files;
  std::vector<HeaderValue> ui;
  std::vector<std::string> warnings;                      // unknown / ignored keys
};

// Parses the headers of `text` (the script `file`) into `out`. On a bad
// header returns false with `error` = "file:line: header 'key' ...".
bool parse_headers(std::string_view text, std::string_view file, Headers& out, std::string& error);

// One "key:value" (or legacy "key=value") header, as --header gives it;
// `where` names it in messages.
bool add_header(std::string_view header, std::string_view where, Headers& out, std::string& error);

// The spec's detection rule: headers present and the text uses the
// Fibaro API (QuickApp, fibaro., api.).
bool uses_fibaro_api(std::string_view text);

}  // namespace plua::stdlib::fibaro
