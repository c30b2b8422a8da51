#pragma once
// What plugs into the core. The core knows no product: a room (a device
// emulation, an interactive front end) reaches the Runtime only through
// these interfaces, and the executable in app/ decides which rooms a run
// gets.

#include <lua.hpp>

#include <span>
#include <string>
#include <vector>

#include "boot/module_registry.hpp"
#include "boot/script_loader.hpp"
#include "options.hpp"

namespace plua::runtime {

// A step of start-up. plan() runs before any Lua, install() in protected
// boot code after plua's own globals, before any chunk runs.
class BootExtension {
 public:
  virtual ~BootExtension() = default;
  // May insert chunks around the script (they run in order as the boot
  // task). Returns false with `error` set to stop the run before it starts.
  virtual bool plan(const Options& options, std::vector<Chunk>& chunks, std::string& error) = 0;
  // Installs globals; may raise (it runs under lua_pcall). Locals must be
  // trivially destructible: a raise is a longjmp.
  virtual void install(lua_State* L) = 0;
};

// An interactive front end (a read-eval-print prompt). The loop calls it around every pass
// that runs tasks, so that it can take its prompt off the screen while
// tasks print.
class Runtime;

class Frontend {
 public:
  virtual ~Frontend() = default;
  // The boot task (script, -e, -l) ended: the front end starts, on the
  // runtime it will enter chunks into.
  virtual void main_finished(Runtime& runtime) = 0;
  virtual void before_pass() = 0;
  virtual void after_pass() = 0;
  // SIGINT on the loop: true if the front end used it (it dropped the line
  // being typed); false lets the runtime interrupt the task or end the run.
  virtual bool on_interrupt() = 0;
  // The run is over: release the terminal before the exit hooks run.
  virtual void stop() = 0;
};

// Everything a Runtime is given besides its options: the modules `require`
// finds inside the binary, the boot steps in order, and the front end.
struct Extensions {
  std::span<const BundledModule> modules{};
  std::span<const BundledCModule> c_modules{};
  std::vector<BootExtension*> boot{};
  Frontend* frontend = nullptr;
};

}  // namespace plua::runtime
