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
};

// Decides from the options and the main script whether the emulation runs;
// if so parses the headers (and --header lines), prints their warnings and
// wraps the script chunk with the steps that load the `file` headers and
// start the QuickApp. The script's arguments that end in .lua or .fqa (up
// to a `--`) are more QuickApps, their headers parsed here too. Returns
// false with `error` set on a bad header or a file that cannot be read.
bool plan_fibaro(const runtime::Options& run, const Options& options, std::vector<runtime::Chunk>& chunks, Plan& plan,
                 std::string& error);

// In protected boot code, after the standard globals: with the emulation,
// hands the device description to plua.fibaro's setup (which installs
// QuickApp, fibaro, api, json, net, ...); without it, makes QuickApp and
// fibaro raise an error that says to run with --fibaro.
void install_fibaro(lua_State* L, const Plan& plan);

// "dir/my_qa.lua" -> "my_qa": a QuickApp's name without a name header.
std::string default_name(const std::string& file);

// [-0, +1] One QuickApp's description from its headers, the table
// plua.fibaro builds its device from. Raises only on memory errors, so the
// strings it reads must live outside the calling frame (in a plan, or in
// Lua-owned memory).
void push_quickapp(lua_State* L, const Headers& h, const std::string& file, const std::string& name);

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
