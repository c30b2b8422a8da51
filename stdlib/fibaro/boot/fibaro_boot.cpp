#include "fibaro/boot/fibaro_boot.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace plua::stdlib::fibaro {

// "dir/my_qa.lua" -> "my_qa"
std::string default_name(const std::string& file) {
  std::string name = file.substr(file.find_last_of('/') + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".lua") == 0) name.resize(name.size() - 4);
  return name.empty() || name == "-" ? "QuickApp" : name;
}

namespace {

void set_string(lua_State* L, const char* key, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void set_optional(lua_State* L, const char* key, const std::optional<std::string>& value) {
  if (value) set_string(L, key, *value);
}

void set_optional(lua_State* L, const char* key, const std::optional<double>& value) {
  if (!value) return;
  lua_pushnumber(L, *value);
  lua_setfield(L, -2, key);
}

using runtime::Chunk;

void push_literal(lua_State* L, const HeaderValue& literal) {
  lua_createtable(L, 0, 2);
  set_string(L, "text", literal.text);
  set_string(L, "where", literal.where);
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The description plua.fibaro.setup builds the devices from: the main
// QuickApp's, with the run's settings and `others`, the other QuickApps'.
void push_config(lua_State* L, const Plan& plan) {
  push_quickapp(L, plan.headers, plan.main_file, plan.default_name);
  if (plan.main_fqa) set_string(L, "fqa", plan.main_file);
  if (plan.api) {
    // where the API server listens (a --%%proxy forwards to it)
    set_string(L, "api_host", plan.api_host);
    lua_pushinteger(L, plan.api_port);
    lua_setfield(L, -2, "api_port");
  }
  if (plan.offline) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "offline");
  }
  lua_createtable(L, static_cast<int>(plan.others.size()), 0);
  for (std::size_t i = 0; i < plan.others.size(); ++i) {
    const OtherQuickApp& other = plan.others[i];
    if (other.fqa) {
      lua_createtable(L, 0, 2);
      set_string(L, "fqa", other.file);
      set_string(L, "file", other.file);
    } else {
      push_quickapp(L, other.headers, other.file, other.default_name);
    }
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "others");
  // Colours only on a terminal, and never with NO_COLOR set (no-color.org).
  const char* no_color = std::getenv("NO_COLOR");
  lua_pushboolean(L, isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0'));
  lua_setfield(L, -2, "color");
  if (const char* pinned = std::getenv("PLUA_TIME"); pinned != nullptr && *pinned != '\0') {
    set_string(L, "env_time", pinned);
  }
}

int guard_index(lua_State* L) {
  const char* name = lua_tostring(L, 2);
  if (name != nullptr) {
    return luaL_error(L,
                      "'%s' is part of the Fibaro QuickApp emulation, which is off: run with --fibaro "
                      "(it is on by itself for a script with --%%%% headers that uses the Fibaro API)",
                      name);
  }
  return 0;
}

bool is_address(std::string_view host) {
  return !host.empty() && host.find_first_not_of("0123456789abcdefABCDEF.:") == std::string_view::npos;
}

// The command line wins over the headers; PLUA_NO_API (set by the test
// suite, so that parallel runs do not fight over port 8080) turns the
// default server off unless the command line names a port or a host.
bool plan_api(const Options& options, const Headers& headers, Plan& plan, std::string& error) {
  const char* no_api = std::getenv("PLUA_NO_API");
  const bool explicit_cli = options.api_port || options.api_host;
  plan.api = !options.no_api && headers.api.value_or(true) &&
             (explicit_cli || no_api == nullptr || *no_api == '\0' || std::string_view(no_api) == "0");
  if (headers.api_port) plan.api_port = static_cast<int>(*headers.api_port);
  if (headers.api_host) plan.api_host = *headers.api_host;
  if (options.api_port) plan.api_port = *options.api_port;
  if (options.api_host) plan.api_host = *options.api_host;
  if (plan.api_port < 1 || plan.api_port > 65535) {
    error = fmt::format("--api-port {}: a port number (1 to 65535) expected", plan.api_port);
    return false;
  }
  if (!is_address(plan.api_host)) {
    error = fmt::format("--api-host {}: an IP address (127.0.0.1, 0.0.0.0, ::1) expected", plan.api_host);
    return false;
  }
  return true;
}

}  // namespace

// One QuickApp's description, from its headers. Every std::string it reads
// lives in `plan`, built before any Lua call: a raise (a memory error)
// skips no destructor.
void push_quickapp(lua_State* L, const Headers& h, const std::string& file, const std::string& name) {
  lua_newtable(L);
  set_string(L, "file", file);
  set_string(L, "name", h.name ? *h.name : name);
  set_string(L, "type", h.type ? h.type->text : std::string_view{"com.fibaro.binarySwitch"});
  if (h.type) set_string(L, "type_where", h.type->where);
  set_optional(L, "id", h.id);
  set_optional(L, "state", h.state);
  set_optional(L, "time", h.time);
  set_optional(L, "speed", h.speed);
  set_optional(L, "latitude", h.latitude);
  set_optional(L, "longitude", h.longitude);
  set_optional(L, "uid", h.uid);
  set_optional(L, "manufacturer", h.manufacturer);
  set_optional(L, "model", h.model);
  set_optional(L, "role", h.role);
  set_optional(L, "description", h.description);
  lua_pushboolean(L, h.debug.value_or(false));
  lua_setfield(L, -2, "debug");
  lua_pushboolean(L, h.full_lua.value_or(false));
  lua_setfield(L, -2, "full_lua");
  lua_pushboolean(L, h.offline.value_or(false));
  lua_setfield(L, -2, "offline");
  set_optional(L, "proxy", h.proxy);
  set_optional(L, "proxy_url", h.proxy_url);
  set_optional(L, "save", h.save);
  set_optional(L, "project", h.project);
  if (h.interfaces) {
    push_literal(L, *h.interfaces);
    lua_setfield(L, -2, "interfaces");
  }
  lua_createtable(L, static_cast<int>(h.vars.size()), 0);
  for (std::size_t i = 0; i < h.vars.size(); ++i) {
    push_literal(L, h.vars[i].value);
    set_string(L, "name", h.vars[i].name);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "vars");
  lua_createtable(L, static_cast<int>(h.ui.size()), 0);
  for (std::size_t i = 0; i < h.ui.size(); ++i) {
    push_literal(L, h.ui[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "ui");
  lua_createtable(L, static_cast<int>(h.files.size()), 0);
  for (std::size_t i = 0; i < h.files.size(); ++i) {
    lua_createtable(L, 0, 3);
    set_string(L, "path", h.files[i].path);
    set_string(L, "name", h.files[i].name);
    set_string(L, "where", h.files[i].where);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "files");
}

bool plan_fibaro(const runtime::Options& run, const Options& options, std::vector<Chunk>& chunks, Plan& plan,
                 std::string& error) {
  if (options.mode == Mode::Off) return true;
  const auto script = std::find_if(chunks.begin(), chunks.end(), [](const Chunk& c) { return c.kind == Chunk::Kind::Script; });
  plan.main_file = run.script.value_or("-");
  plan.default_name = default_name(plan.main_file);
  const std::string file_name = plan.main_file == "-" ? "stdin" : plan.main_file;
  Headers& headers = plan.headers;
  bool parsed = true;
  // plua --fibaro app.fqa: the .fqa is the main QuickApp (plua.fibaro
  // reads it), so there is no Lua text to parse here.
  plan.main_fqa = ends_with(plan.main_file, ".fqa");
  if (plan.main_fqa && script != chunks.end()) script->text.clear();
  if (script != chunks.end() && !plan.main_fqa) parsed = parse_headers(script->text, file_name, headers, error);
  for (const std::string& line : options.headers) {
    if (!parsed) break;
    parsed = add_header(line, "--header", headers, error);
  }
  if (options.mode == Mode::Auto) {
    const bool uses_api = script != chunks.end() && uses_fibaro_api(script->text);
    plan.enabled = plan.main_fqa || ((headers.lines > 0 || !parsed || !options.headers.empty()) && uses_api);
    // A plain script that merely carries headers runs as plain Lua.
    if (!plan.enabled) {
      error.clear();
      return true;
    }
  }
  plan.enabled = true;
  if (!parsed) return false;
  for (const std::string& arg : run.script_args) {
    if (arg == "--") break;
    const bool fqa = ends_with(arg, ".fqa");
    if (!fqa && !ends_with(arg, ".lua")) continue;
    OtherQuickApp other{arg, default_name(arg), fqa, {}};
    if (!fqa) {
      const auto chunk = runtime::read_script(arg, error);
      if (!chunk) return false;
      if (!parse_headers(chunk->text, arg, other.headers, error)) return false;
      for (const std::string& warning : other.headers.warnings) fmt::print(stderr, "plua: warning: {}\n", warning);
    }
    plan.others.push_back(std::move(other));
  }
  if (!plan_api(options, headers, plan, error)) return false;
  plan.offline = options.offline;
  std::fflush(stdout);
  for (const std::string& warning : headers.warnings) fmt::print(stderr, "plua: warning: {}\n", warning);
  if (script != chunks.end()) {
    // The QuickApp's own environment (its globals, the HC3's sandbox unless
    // fullLua:true), on the first line so that line numbers stay the file's.
    script->text.insert(0, "local _ENV = require('plua.fibaro').environment() ");
    const auto at = script - chunks.begin();
    chunks.insert(chunks.begin() + at + 1,
                  Chunk{Chunk::Kind::Init, "=(fibaro start)", "require('plua.fibaro').start()"});
    chunks.insert(chunks.begin() + at,
                  Chunk{Chunk::Kind::Init, "=(fibaro files)", "require('plua.fibaro').run_files()"});
    if (plan.api) {
      // The host is checked to be address characters only (plan_api).
      chunks.insert(chunks.begin() + at,
                    Chunk{Chunk::Kind::Init, "=(fibaro api)",
                          fmt::format("require('plua.web').serve('{}', {})", plan.api_host, plan.api_port)});
    }
  }
  return true;
}

void install_fibaro(lua_State* L, const Plan& plan) {
  // _PY.config.fibaro says whether the emulation runs (PLua's flag).
  lua_getglobal(L, "_PY");
  if (lua_getfield(L, -1, "config") == LUA_TTABLE) {
    lua_pushboolean(L, plan.enabled);
    lua_setfield(L, -2, "fibaro");
  }
  lua_pop(L, 2);
  if (!plan.enabled) {
    lua_pushglobaltable(L);
    if (lua_getmetatable(L, -1) == 0) {
      lua_createtable(L, 0, 1);
      lua_createtable(L, 0, 4);
      for (const char* name : {"QuickApp", "QuickAppBase", "QuickAppChild", "fibaro"}) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, name);
      }
      lua_pushcclosure(L, [](lua_State* S) -> int {
        lua_pushvalue(S, 2);
        if (lua_rawget(S, lua_upvalueindex(1)) != LUA_TNIL) return guard_index(S);
        lua_pushnil(S);
        return 1;
      }, 1);
      lua_setfield(L, -2, "__index");
      lua_setmetatable(L, -2);
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return;
  }
  lua_getglobal(L, "require");
  lua_pushliteral(L, "plua.fibaro");
  lua_call(L, 1, 1);
  lua_getfield(L, -1, "setup");
  push_config(L, plan);
  lua_call(L, 1, 0);
  lua_pop(L, 1);
}

}  // namespace plua::stdlib::fibaro
