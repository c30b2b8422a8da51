// plua: command line -> the rooms a run gets -> Runtime::run -> exit code.

#include <fmt/format.h>

#include <exception>
#include <optional>

#include "cli.hpp"
#include "fibaro/boot/fibaro_boot.hpp"
#include "modules.hpp"
#include "repl/repl.hpp"
#include "runtime.hpp"

int main(int argc, char** argv) {
  auto parsed = plua::app::parse_command_line(argc, argv);
  if (!parsed.command) return parsed.exit_code;
  try {
    // lua5.4's -v: the version line first, then whatever else was asked.
    if (parsed.command->show_version) fmt::print("{}\n", plua::app::version_line());
    plua::stdlib::fibaro::Extension fibaro(std::move(parsed.command->fibaro));
    // Last of the boot steps: its hook goes on after everything else installed.
    plua::app::debugger::Extension debugger(std::move(parsed.command->debugger));
    std::optional<plua::app::Repl> repl;
    if (parsed.command->run.interactive) repl.emplace();
    plua::runtime::Extensions extensions{plua::stdlib::bundled_modules(), plua::stdlib::bundled_c_modules(),
                                         {&fibaro, &debugger}, repl ? &*repl : nullptr};
    plua::runtime::Runtime runtime(std::move(parsed.command->run), std::move(extensions));
    return runtime.run();
  } catch (const std::exception& e) {
    fmt::print(stderr, "plua: {}\n", e.what());
    return 1;
  }
}
