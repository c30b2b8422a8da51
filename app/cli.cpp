#include "cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <lua.hpp>
#include <uv.h>

#include <unistd.h>

#include <cstdlib>

#include "runtime.hpp"

namespace plua::app {

namespace {

std::string version_line() {
  return fmt::format("plua {} ({}, libuv {})", runtime::kVersion, LUA_RELEASE, uv_version_string());
}

// PLUA_DEBUG_QUEUE=1 does what --debug-queue does.
bool debug_queue_from_env() {
  const char* env = std::getenv("PLUA_DEBUG_QUEUE");
  return env != nullptr && *env != '\0' && *env != '0';
}

// What both paths below do once they know where the script's name is in
// argv (argv.size(): there is none): the script, its arguments and the
// settings taken from the environment.
void finish_options(runtime::Options& options, int argc, char** argv, std::size_t script_index) {
  options.argv.assign(argv, argv + argc);
  options.script_index = script_index;
  if (script_index < options.argv.size()) {
    options.script = options.argv[script_index];
    options.script_args.assign(options.argv.begin() + static_cast<std::ptrdiff_t>(script_index) + 1,
                               options.argv.end());
  }
  if (debug_queue_from_env()) options.debug_queue = true;
}

}  // namespace

ParseResult parse_command_line(int argc, char** argv) {
  CommandLine command;
  runtime::Options& options = command.run;
  // The common case, `plua script.lua args...`, has no option to parse:
  // skip building the CLI11 parser (a tenth of plua's start-up).
  if (argc >= 2 && argv[1][0] != '-') {
    finish_options(options, argc, argv, 1);
    return ParseResult{std::move(command), 0};
  }
  CLI::App app{"plua: a fast Lua 5.4 runtime with timers, coroutines and an event loop", "plua"};
  app.footer(
      "Usage: plua [options] [script [args...]]\n"
      "  script  file to run; '-' reads stdin (also the default when stdin is not a terminal)\n"
      "  args    passed to the script as `arg` and `...`; options after the script are the script's");
  // Everything from the script name on belongs to the script, as in lua5.4.
  app.prefix_command();
  app.set_version_flag("-v,--version", version_line());

  app.add_option_function<std::string>(
         "-e", [&](const std::string& code) { options.prelude.push_back({runtime::PreludeStep::Kind::Exec, code}); },
         "run CODE before the script; an expression prints its value(s)")
      ->type_name("CODE")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->trigger_on_parse();
  app.add_option_function<std::string>(
         "-l",
         [&](const std::string& name) { options.prelude.push_back({runtime::PreludeStep::Kind::Require, name}); },
         "require module NAME into global NAME before the script")
      ->type_name("NAME")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->trigger_on_parse();
  double run_for = 0;
  auto* run_for_option =
      app.add_option("--run-for", run_for,
                     "N > 0: stop after N seconds even if timers remain; 0: run forever; N < 0: run exactly -N seconds")
          ->type_name("N");

  app.add_flag("-i", options.interactive, "enter the interactive REPL after running the script (or alone)");
  app.add_flag("--debug-queue", options.debug_queue,
               "log every enqueue/run of the task queue to stderr (also PLUA_DEBUG_QUEUE=1)");
  bool fibaro = false, no_fibaro = false;
  auto* fibaro_flag = app.add_flag("--fibaro", fibaro, "emulate a Fibaro HC3 QuickApp (QuickApp, fibaro.*, api.*, json, net)");
  app.add_flag("--no-fibaro", no_fibaro, "never emulate Fibaro, even for a script with --%% headers")->excludes(fibaro_flag);
  app.add_option_function<std::string>(
         "--header", [&](const std::string& header) { command.fibaro.headers.push_back(header); },
         "add a Fibaro header, as in a '--%%key:value' line (repeatable)")
      ->type_name("KEY:VALUE")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->trigger_on_parse();
  // The HC3 API server of the Fibaro emulation (stdlib/web).
  app.add_option_function<int>(
         "--api-port", [&](int port) { command.fibaro.api_port = port; },
         "serve the HC3 API on port N (default 8080)")
      ->type_name("N");
  app.add_option_function<std::string>(
         "--api-host", [&](const std::string& host) { command.fibaro.api_host = host; },
         "serve the HC3 API on address ADDR (default 127.0.0.1)")
      ->type_name("ADDR");
  app.add_flag("--no-api", command.fibaro.no_api, "do not serve the HC3 API");
  bool no_warnings = false;
  app.add_flag("--no-warnings", no_warnings, "silence the warnings about unsafe patterns");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return ParseResult{std::nullopt, code == 0 ? 0 : 2};
  }
  if (*run_for_option) options.run_for = run_for;
  options.warnings = !no_warnings;
  if (fibaro) command.fibaro.mode = stdlib::fibaro::Mode::On;
  if (no_fibaro) command.fibaro.mode = stdlib::fibaro::Mode::Off;

  std::vector<std::string> rest = app.remaining();
  // prefix_command() hands anything unknown to the script: an option-like
  // first word is a mistyped option, not a script name.
  if (!rest.empty() && rest.front() == "--") rest.erase(rest.begin());  // "--": options end here
  if (!rest.empty() && rest.front().size() > 1 && rest.front()[0] == '-') {
    fmt::print(stderr, "plua: unknown option {}\nRun with --help for more information.\n", rest.front());
    return ParseResult{std::nullopt, 2};
  }
  // rest is the tail of argv: the script's name, then its arguments.
  const auto size = static_cast<std::size_t>(argc);
  finish_options(options, argc, argv, size - rest.size());
  // The REPL needs a terminal: with piped stdin, -i reads it as a script.
  const bool terminal = isatty(STDIN_FILENO) != 0;
  if (options.interactive && !terminal) {
    options.interactive = false;
    if (rest.empty() && options.prelude.empty()) options.script = "-";
  } else if (rest.empty() && options.prelude.empty() && terminal) {
    options.interactive = true;  // like lua5.4: a terminal and nothing to run
  }
  return ParseResult{std::move(command), 0};
}

}  // namespace plua::app
