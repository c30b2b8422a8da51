#pragma once
// Start-up of the Fibaro QuickApp emulation, plugged into the core as a
// BootExtension. Deciding whether it runs and checking the headers happen
// before Lua is touched, so a bad header stops the run like a syntax
// error; the device itself is built by the bundled Lua module plua.fibaro.

#include <lua.hpp>

#include <optional>
#include <string>
#include <vector>

#include "extension.hpp"
#include "fibaro/boot/headers.hpp"

namespace plua::stdlib::fibaro {

// --fibaro, --no-fibaro, or on when the script has headers and uses the
// Fibaro API.
enum class Mode { Auto, On, Off };

// What the command line says about the emulation.
struct Options {
  Mode mode = Mode::Auto;
  // --header "key:value" lines, in command-line order.
  std::vector<std::string> headers;
  // The HC3 API server (stdlib/web): --api-port, --api-host, --no-api.
  std::optional<int> api_port;
  std::optional<std::string> api_host;
  bool no_api = false;
  // -o/--offline: no real HC3 even with credentials.
  bool offline = false;
};

// One more QuickApp file from the command line (plua --fibaro a.lua b.lua):
// a .lua with its headers parsed, or an .fqa that the Lua side reads.
struct OtherQuickApp {
  std::string file;
  std::string default_name;
  bool fqa = false;
  Headers headers;  // .lua only
};

struct Plan {
  bool enabled = false;
  Headers headers;
  std::string main_file;     // the script as named on the command line
  std::string default_name;  // the QuickApp's name without a name header
  std::vector<OtherQuickApp> others;  // in command-line order
  // The HC3 API server: on unless --no-api, --%%api:false or PLUA_NO_API
  // (which an explicit --api-port or --api-host overrides).
  bool api = false;
  std::string api_host = "127.0.0.1";
  int api_port = 8080;
  bool offline = false;  // -o/--offline
  bool main_fqa = false;  // the script is an .fqa document
};

// Decides from the options and the main script whether the emulation runs;
// if so parses the headers (and --header lines), prints their warnings and
// wraps the script chunk with the steps that load the `file` headers and
// start the QuickApp. The script's arguments that end in .lua or .fqa (up
// to a `--`) are more QuickApps, their headers parsed here too. Returns
// false with `error` set on a bad header or a file that cannot be read.
bool plan_fibaro(const runtime::Options& run, const Options& options, std::vector<runtime::Chunk>& chunks, Plan& plan,
                 std::string& error);

// One QuickApp's description, from its headers (the table plua.fibaro
// builds a QuickApp from; the tools read it too). Every std::string it
// reads must outlive a raise: it lives in the caller's plan or in a
// userdata, never in a frame between here and the Lua call.
void push_quickapp(lua_State* L, const Headers& h, const std::string& file, const std::string& name);

// require("plua.fibaro.headers"): parse(text, file [, default_name]) -> the
// same table, its `warnings`, or nil and the error (default_name: as the
// boot names a QuickApp without a name header, from `file`).
int open_fibaro_headers(lua_State* L);

// In protected boot code, after the standard globals: with the emulation,
// hands the device description to plua.fibaro's setup (which installs
// QuickApp, fibaro, api, json, net, ...); without it, makes QuickApp and
// fibaro raise an error that says to run with --fibaro.
void install_fibaro(lua_State* L, const Plan& plan);

// "dir/my_qa.lua" -> "my_qa": a QuickApp's name without a name header.
std::string default_name(const std::string& file);

class Extension final : public runtime::BootExtension {
 public:
  explicit Extension(Options options) : options_(std::move(options)) {}
  bool plan(const runtime::Options& run, std::vector<runtime::Chunk>& chunks, std::string& error) override {
    return plan_fibaro(run, options_, chunks, plan_, error);
  }
  void install(lua_State* L) override { install_fibaro(L, plan_); }

 private:
  Options options_;
  Plan plan_;
};

}  // namespace plua::stdlib::fibaro
