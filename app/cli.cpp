#include "cli.hpp"

#include <fmt/format.h>
#include <lua.hpp>
#include <uv.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "runtime.hpp"

namespace plua::app {

namespace {

constexpr std::string_view kUsage =
    "usage: plua [options] [script [args]]\n"
    "Available options are:\n"
    "  -e stat   execute string 'stat' (an expression prints its values)\n"
    "  -i        enter interactive mode after executing 'script'\n"
    "  -l mod    require library 'mod' into global 'mod'\n"
    "  -l g=mod  require library 'mod' into global 'g'\n"
    "  -v        show version information\n"
    "  -E        ignore environment variables\n"
    "  -W        turn warnings on\n"
    "  --        stop handling options\n"
    "  -         stop handling options and execute stdin\n"
    "plua's own options:\n"
    "  --run-for N     N > 0: stop after N s even with timers left; 0: run forever;\n"
    "                  N < 0: run exactly -N s\n"
    "  --speed H       run H hours on a virtual clock, as fast as the work allows,\n"
    "                  then stop (PLUA_TIME=T: the clock starts at T)\n"
    "  --debug-queue   log every enqueue/run of the task queue (also PLUA_DEBUG_QUEUE=1)\n"
    "  --no-warnings   silence plua's warnings about unsafe patterns\n"
    "  --fibaro        emulate a Fibaro HC3 QuickApp; --no-fibaro: never\n"
    "  --header K:V    add a '--%%K:V' header (repeatable)\n"
    "  --api-port N    serve the HC3 API on port N (default 8080); --api-host ADDR:\n"
    "                  on ADDR (default 127.0.0.1); --no-api: no server\n"
    "  --debugger [HOST:]PORT  connect to a MobDebug IDE (default 127.0.0.1:8172);\n"
    "                  --nodebugger: do not (PLua's flag)\n"
    "  --version       show version information and exit\n"
    "  -t, --tool T ARGS  run HC3 tool T (uploadQA, downloadQA, updateFile, updateQA,\n"
    "                  pack, unpack, list; -t help lists them); the rest are its arguments\n"
    "  -o, --offline   no real HC3 even with HC3_URL/HC3_USER/HC3_PASSWORD set\n"
    "  --diagnostic    plua's version and configuration, and the HC3's identity\n"
    "  PLua's --nogreet, --loglevel L, --desktop, -a/--args A, --telnet,\n"
    "  --telnet-port N, --init-qa are accepted\n"
    "  -h, --help      show this help and exit\n";

// PLUA_DEBUG_QUEUE=1 does what --debug-queue does.
bool debug_queue_from_env() {
  const char* env = std::getenv("PLUA_DEBUG_QUEUE");
  return env != nullptr && *env != '\0' && *env != '0';
}

// A bad command line: lua.c's message and its usage, exit code 2.
ParseResult bad_command_line(const std::string& message) {
  std::fflush(stdout);
  fmt::print(stderr, "plua: {}\n{}", message, kUsage);
  return ParseResult{std::nullopt, 2};
}

void add_require(runtime::Options& options, std::string_view spec) {
  // lua5.4: -l g=mod stores module mod in global g.
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos) {
    options.prelude.push_back({runtime::PreludeStep::Kind::Require, std::string(spec), std::string(spec)});
  } else {
    options.prelude.push_back(
        {runtime::PreludeStep::Kind::Require, std::string(spec.substr(eq + 1)), std::string(spec.substr(0, eq))});
  }
}

// PLua's options that have no meaning in plua (yet): accepted, so that VS
// Code tasks written for PLua keep working, with a one-line note.
struct PluaOption {
  const char* name;
  bool takes_value;
  const char* note;  // nullptr: nothing to say
};
constexpr PluaOption kPluaOptions[] = {
    {"--nogreet", false, nullptr},  // plua does not greet
    {"--loglevel", true, "--loglevel is PLua's own log level: plua has none to set (ignored)"},
    {"--desktop", false, "--desktop is ignored: plua has no desktop window (the QuickApp page is /qa/ID)"},
    {"--args", true, nullptr},  // a QuickApp gets no arguments on the box either
    {"--telnet", false, "--telnet is ignored: plua has no telnet console"},
    {"--telnet-port", true, "--telnet-port is ignored: plua has no telnet console"},
    {"--init-qa", false, "--init-qa is ignored: plua does not create QuickApp templates"},
};

// -o, -a ARGS, -t TOOL: PLua's short options, as their long names.
const char* plua_short_option(char letter) {
  switch (letter) {
    case 'o': return "--offline";
    case 'a': return "--args";
    case 't': return "--tool";
    default: return nullptr;
  }
}

// An option's value that is a number and nothing else ("2.5", "-3", "8080").
std::optional<double> whole_word_number(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end == nullptr || *end != '\0') return std::nullopt;
  return value;
}

// `text` as a Lua string literal (for the chunks the tools run as).
std::string quoted_for_lua(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 32 || byte == 127) {
      out += fmt::format("\\{:03d}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// plua's long options ("--name" or "--name=value"). Returns false with
// `error` set for an unknown one or a bad value; `exit_now` for --help
// and --version.
struct LongOptionState {
  bool fibaro = false;
  bool no_fibaro = false;
  bool no_debugger = false;
  std::optional<int> exit_now;
};

bool parse_long_option(CommandLine& command, LongOptionState& state, int argc, char** argv, int& i,
                       std::string& error) {
  const std::string_view word = argv[i];
  const std::size_t eq = word.find('=');
  const std::string_view name = word.substr(0, eq);
  std::optional<std::string_view> value;
  if (eq != std::string_view::npos) value = word.substr(eq + 1);
  auto take_value = [&]() -> std::optional<std::string_view> {
    if (value) return value;
    if (i + 1 < argc) return std::string_view(argv[++i]);
    error = fmt::format("'{}' needs argument", name);
    return std::nullopt;
  };
  auto no_value = [&]() {
    if (value) error = fmt::format("'{}' takes no argument", name);
    return !value;
  };
  runtime::Options& options = command.run;
  if (name == "--run-for") {
    const auto text = take_value();
    if (!text) return false;
    const auto seconds = whole_word_number(*text);
    if (!seconds) {
      error = fmt::format("'--run-for' needs a number of seconds, got '{}'", *text);
      return false;
    }
    options.run_for = *seconds;
    return true;
  }
  if (name == "--speed") {
    const auto text = take_value();
    if (!text) return false;
    const auto hours = whole_word_number(*text);
    if (!hours || !(*hours > 0) || *hours > 1e6) {
      error = fmt::format("'--speed' needs a number of hours above 0 (at most 1000000), got '{}'", *text);
      return false;
    }
    options.speed_hours = *hours;
    return true;
  }
  if (name == "--header") {
    const auto text = take_value();
    if (!text) return false;
    command.fibaro.headers.emplace_back(*text);
    return true;
  }
  if (name == "--debug-queue") return no_value() && (options.debug_queue = true);
  if (name == "--no-warnings") return no_value() && !(options.warnings = false);
  if (name == "--fibaro") return no_value() && (state.fibaro = true);
  if (name == "--no-fibaro") return no_value() && (state.no_fibaro = true);
  // The HC3 API server of the Fibaro emulation (stdlib/web).
  if (name == "--api-port") {
    const auto text = take_value();
    if (!text) return false;
    // digits only: no sign, exponent or hex
    const auto port = text->find_first_not_of("0123456789") == std::string_view::npos ? whole_word_number(*text)
                                                                                       : std::nullopt;
    if (!port || *port < 1 || *port > 65535) {
      error = fmt::format("'--api-port' needs a port from 1 to 65535, got '{}'", *text);
      return false;
    }
    command.fibaro.api_port = static_cast<int>(*port);
    return true;
  }
  if (name == "--api-host") {
    const auto text = take_value();
    if (!text) return false;
    command.fibaro.api_host = std::string(*text);
    return true;
  }
  if (name == "--no-api") return no_value() && (command.fibaro.no_api = true);
  if (name == "--debugger") {
    // --debugger[=][HOST:]PORT; bare (PLua's form) is 127.0.0.1:8172.
    std::optional<std::string_view> address = value;
    if (!address && i + 1 < argc) {
      std::string probe_error;
      debugger::Options probe;
      if (debugger::parse_address(argv[i + 1], probe, probe_error)) address = std::string_view(argv[++i]);
    }
    command.debugger.enabled = true;
    return !address || debugger::parse_address(std::string(*address), command.debugger, error);
  }
  if (name == "--nodebugger") return no_value() && !(command.debugger.enabled = false) && (state.no_debugger = true);
  for (const PluaOption& option : kPluaOptions) {
    if (name != option.name) continue;
    if (option.takes_value ? !take_value() : !no_value()) return false;
    if (option.note != nullptr) fmt::print(stderr, "plua: note: {}\n", option.note);
    return true;
  }
  if (name == "--offline") return no_value() && (command.fibaro.offline = true);
  // The HC3 tools and --diagnostic are Lua (stdlib/fibaro/tools.lua), run
  // as the only chunk: the words after the tool's name are its arguments.
  if (name == "--diagnostic") {
    if (!no_value()) return false;
    options.prelude.push_back({runtime::PreludeStep::Kind::Exec,
                               fmt::format("require('plua.fibaro.tools').diagnostic({})", quoted_for_lua(version_line()))});
    i = argc - 1;  // as PLua: only the diagnostic runs
    return true;
  }
  if (name == "--tool") {
    const auto tool = take_value();
    if (!tool) return false;
    std::string call = fmt::format("require('plua.fibaro.tools').run({}, {{", quoted_for_lua(*tool));
    for (++i; i < argc; ++i) call += fmt::format("{}, ", quoted_for_lua(argv[i]));
    call += "})";
    --i;  // the caller's loop steps past the last word
    options.prelude.push_back({runtime::PreludeStep::Kind::Exec, std::move(call)});
    return true;
  }
  if (name == "--help") {
    if (!no_value()) return false;
    fmt::print("plua: a fast Lua 5.4 runtime with timers, coroutines and an event loop\n{}", kUsage);
    state.exit_now = 0;
    return true;
  }
  if (name == "--version") {
    if (!no_value()) return false;
    fmt::print("{}\n", version_line());
    state.exit_now = 0;
    return true;
  }
  error = fmt::format("unrecognized option '{}'", word);
  return false;
}

}  // namespace

std::string version_line() {
  return fmt::format("plua {} (libuv {}) on {}", runtime::kVersion, uv_version_string(), LUA_COPYRIGHT);
}

ParseResult parse_command_line(int argc, char** argv) {
  CommandLine command;
  runtime::Options& options = command.run;
  LongOptionState state;
  // lua.c's grammar: options until the first word that is not one (the
  // script); "--" ends them, "-" is stdin; -e and -l take the rest of the
  // word or the next one.
  int script = argc;
  bool after_dashes = false;
  std::string error;
  for (int i = 1; i < argc; ++i) {
    const char* word = argv[i];
    if (word[0] != '-') {
      script = i;
      break;
    }
    switch (word[1]) {
      case '\0':  // "-": stdin
        script = i;
        break;
      case '-':
        if (word[2] == '\0') {  // "--": the next word is the script
          after_dashes = true;
          script = i + 1;
          break;
        }
        if (!parse_long_option(command, state, argc, argv, i, error)) return bad_command_line(error);
        if (state.exit_now) return ParseResult{std::nullopt, *state.exit_now};
        continue;
      case 'h':
        if (word[2] != '\0') return bad_command_line(fmt::format("unrecognized option '{}'", word));
        fmt::print("plua: a fast Lua 5.4 runtime with timers, coroutines and an event loop\n{}", kUsage);
        return ParseResult{std::nullopt, 0};
      case 'o':
      case 'a':
      case 't': {
        // PLua's -o, -a ARGS, -t TOOL ("-t tool args..." ends the options)
        if (word[2] != '\0') return bad_command_line(fmt::format("unrecognized option '{}'", word));
        // parsed as its long name, argv left as it was (arg shows "-o")
        const int at = i;
        char* const original = argv[at];
        argv[at] = const_cast<char*>(plua_short_option(word[1]));
        const bool ok = parse_long_option(command, state, argc, argv, i, error);
        argv[at] = original;
        if (!ok) return bad_command_line(fmt::format("'{}' needs argument", word));
        if (state.exit_now) return ParseResult{std::nullopt, *state.exit_now};
        continue;
      }
      case 'E':
      case 'W':
      case 'i':
      case 'v':
        if (word[2] != '\0') return bad_command_line(fmt::format("unrecognized option '{}'", word));
        if (word[1] == 'E') options.ignore_env = true;
        if (word[1] == 'W') options.lua_warnings = true;
        // lua5.4's -i shows the version first; on a terminal the REPL's
        // banner does.
        if (word[1] == 'i') {
          options.interactive = true;
          if (isatty(STDIN_FILENO) == 0) command.show_version = true;
        }
        if (word[1] == 'v') command.show_version = true;
        continue;
      case 'e':
      case 'l': {
        const char* text = word + 2;
        if (*text == '\0') {
          if (i + 1 >= argc || argv[i + 1][0] == '-') {
            return bad_command_line(fmt::format("'{}' needs argument", word));
          }
          text = argv[++i];
        }
        if (word[1] == 'e') {
          options.prelude.push_back({runtime::PreludeStep::Kind::Exec, text});
        } else {
          add_require(options, text);
        }
        continue;
      }
      default:
        return bad_command_line(fmt::format("unrecognized option '{}'", word));
    }
    break;
  }
  if (state.fibaro && state.no_fibaro) return bad_command_line("--fibaro and --no-fibaro exclude each other");
  if (state.no_debugger) command.debugger.enabled = false;
  if (state.fibaro) command.fibaro.mode = stdlib::fibaro::Mode::On;
  if (state.no_fibaro) command.fibaro.mode = stdlib::fibaro::Mode::Off;
  if (debug_queue_from_env()) options.debug_queue = true;
  if (const char* start = std::getenv("PLUA_TIME"); start != nullptr && *start != '\0') options.start_time = start;

  options.argv.assign(argv, argv + argc);
  const auto index = static_cast<std::size_t>(script);
  options.script_index = index;
  if (index < options.argv.size()) {
    options.script = options.argv[index];
    // After "--", "-" is a file of that name.
    if (after_dashes && *options.script == "-") options.script = "./-";
    options.script_args.assign(options.argv.begin() + static_cast<std::ptrdiff_t>(index) + 1, options.argv.end());
  } else if (!options.interactive && options.prelude.empty() && !command.show_version) {
    // lua5.4: nothing to run reads stdin as a script, or with a terminal
    // starts the REPL (the version line first).
    if (isatty(STDIN_FILENO) != 0) {
      options.interactive = true;
    } else {
      options.script = "-";
    }
  }
  return ParseResult{std::move(command), 0};
}

}  // namespace plua::app
