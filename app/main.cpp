// plua: command line -> runtime::Options -> Runtime::run -> exit code.

#include <fmt/format.h>

#include <exception>

#include "cli.hpp"
#include "runtime.hpp"

int main(int argc, char** argv) {
  auto parsed = plua::app::parse_command_line(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  try {
    plua::runtime::Runtime runtime(std::move(*parsed.options));
    return runtime.run();
  } catch (const std::exception& e) {
    fmt::print(stderr, "plua: {}\n", e.what());
    return 1;
  }
}
