#pragma once
// Command line -> runtime::Options, with CLI11.

#include <optional>

#include "options.hpp"

namespace plua::app {

// The parsed options, or the exit code to end with (help, version: 0;
// bad command line: 2) after CLI11 has printed its message.
struct ParseResult {
  std::optional<runtime::Options> options;
  int exit_code = 0;
};

ParseResult parse_command_line(int argc, char** argv);

}  // namespace plua::app
