#pragma once
// Command line -> the core's options and those of the rooms. lua5.4's
// grammar (lua.c's) for its options, plus plua's long options.

#include <optional>
#include <string>

#include "debugger/debugger.hpp"
#include "fibaro/boot/fibaro_boot.hpp"
#include "options.hpp"

namespace plua::app {

struct CommandLine {
  runtime::Options run;
  stdlib::fibaro::Options fibaro;
  bool show_version = false;  // -v: print the version line, then go on
  debugger::Options debugger;
};

// The parsed command line, or the exit code to end with (help, --version: 0;
// bad command line: 2) after the message has been printed.
struct ParseResult {
  std::optional<CommandLine> command;
  int exit_code = 0;
};

ParseResult parse_command_line(int argc, char** argv);

// "plua X.Y.Z (libuv A.B.C) on Lua 5.4.x  Copyright (C) ... PUC-Rio"
std::string version_line();

}  // namespace plua::app
