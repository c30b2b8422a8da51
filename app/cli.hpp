#pragma once
// Command line -> the core's options and those of the rooms, with CLI11.

#include <optional>

#include "debugger/debugger.hpp"
#include "fibaro/boot/fibaro_boot.hpp"
#include "options.hpp"

namespace plua::app {

struct CommandLine {
  runtime::Options run;
  stdlib::fibaro::Options fibaro;
  debugger::Options debugger;
};

// The parsed command line, or the exit code to end with (help, version: 0;
// bad command line: 2) after CLI11 has printed its message.
struct ParseResult {
  std::optional<CommandLine> command;
  int exit_code = 0;
};

ParseResult parse_command_line(int argc, char** argv);

}  // namespace plua::app
