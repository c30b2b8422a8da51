#pragma once
// What the command line asks the core to do. Filled by app/, read by
// Runtime; no CLI code lives in runtime/, and the options of a room that
// plugs in belong to that room.

#include <optional>
#include <string>
#include <vector>

namespace plua::runtime {

// A -e fragment or a -l module, kept in command-line order. For -l,
// text is the module and global the name it is stored under (lua5.4's
// -l g=mod; the module's own name without '=').
struct PreludeStep {
  enum class Kind { Exec, Require };
  Kind kind;
  std::string text;
  std::string global{};
};

struct Options {
  // Script to run; "-" reads stdin. Empty with no prelude: read stdin.
  std::optional<std::string> script;
  std::vector<std::string> script_args;
  std::vector<PreludeStep> prelude;
  // PLua --run-for: > 0 cap, == 0 run forever, < 0 run exactly -N seconds.
  std::optional<double> run_for;
  // --speed H: the clock is virtual (timers/clock.hpp) and the run stops
  // after H hours of it, as --run-for does.
  std::optional<double> speed_hours;
  // PLUA_TIME: the wall clock starts at this time (parse_start_time).
  std::optional<std::string> start_time;
  // The whole command line, for the negative indices of `arg`.
  std::vector<std::string> argv;
  // Index in argv of the script name (argv.size() when there is none).
  std::size_t script_index = 0;
  // -i: a front end takes over after the script, or runs alone;
  // also when stdin is a terminal and there is nothing else to run. Then
  // nothing to run does not mean "read stdin".
  bool interactive = false;
  // --debug-queue (or PLUA_DEBUG_QUEUE=1): log enqueue/run of every task.
  bool debug_queue = false;
  // --no-warnings: silence the unsafe-pattern diagnostics.
  bool warnings = true;
  // lua5.4's -E: LUA_INIT and LUA_PATH/LUA_CPATH (and their _5_4 forms)
  // are ignored.
  bool ignore_env = false;
  // lua5.4's -W: Lua's own warnings (warn()) start on.
  bool lua_warnings = false;
};

}  // namespace plua::runtime
