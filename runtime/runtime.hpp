#pragma once
// Runtime: owns the uv loop and the lua_State, boots the state, runs the
// loop until no user work is left, and decides the exit code.

#include <lua.hpp>
#include <uv.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "extension.hpp"
#include "host/diagnostics.hpp"
#include "lua/state.hpp"
#include "options.hpp"
#include "service.hpp"
#include "tasks/scheduler.hpp"
#include "host/signals.hpp"
#include "host/source_names.hpp"
#include "tasks/thread_context.hpp"
#include "timers/clock.hpp"
#include "timers/timers.hpp"
#include "uv/handle.hpp"
#include "uv/loop.hpp"

namespace plua::runtime {

inline constexpr const char* kVersion = PLUA_VERSION;

class Runtime {
 public:
  explicit Runtime(Options options, Extensions extensions = {});
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  ~Runtime();

  // Boots, runs the scripts and the loop; returns the process exit code.
  int run();

  // Services for the API bindings.
  lua_State* state() { return state_.get(); }
  uv_loop_t* loop() { return loop_.get(); }
  Timers& timers() { return *timers_; }
  Clock& clock() { return clock_; }
  // From now on the clock is virtual; with `hours`, the run stops after
  // that much virtual time, with the --run-for summary. A second call
  // changes nothing (the command line's --speed wins over a header's).
  void run_virtual(std::optional<double> hours);
  Scheduler& scheduler() { return *scheduler_; }
  // The loop was held for `ms` by something outside the script (a
  // debugger's pause): not reported as a task that blocked the loop.
  void exclude_pause(std::uint64_t ms);
  SourceNames& sources() { return sources_; }
  Diagnostics& diagnostics() { return diagnostics_; }
  const Options& options() const { return options_; }
  const Extensions& extensions() const { return extensions_; }

  // The runtime's one T (a Service constructible from Runtime&), created on
  // first use and destroyed with the runtime, before the loop closes.
  template <typename T>
  T& service() {
    auto& slot = services_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_unique<T>(*this);
    return static_cast<T&>(*slot);
  }

  // User work beyond timers and tasks (in-flight requests, servers): while
  // the count is non-zero the process stays alive.
  void add_user_work() { ++external_work_; }
  void remove_user_work() {
    if (external_work_ > 0) --external_work_;
  }
  bool has_user_work() const;
  // Network requests in flight: user work, and named when a run is stopped.
  void add_request() {
    ++requests_;
    add_user_work();
  }
  void remove_request() {
    if (requests_ > 0) --requests_;
    remove_user_work();
  }
  std::size_t requests() const { return requests_; }

  // What a room still has open when a stopped run is summed up: `report`
  // adds phrases ("1 WebSocket connection open") to the summary's parts.
  // Called only then, while every service is alive.
  void add_open_report(std::function<void(std::vector<std::string>& parts)> report) {
    open_reports_.push_back(std::move(report));
  }

  // Work to do before the process ends (flushing log queues): run at normal
  // exit, os.exit, uncaught-error exit and after SIGINT/SIGTERM. C++ hooks
  // here; Lua functions (_PY.on_exit) in a table the state owns, pushed by
  // push_lua_exit_hooks and called under lua_pcall after the C++ ones.
  void add_exit_hook(std::function<void()> hook) { exit_hooks_.push_back(std::move(hook)); }
  // [-0, +1] The sequence of Lua exit hooks (created on first use).
  static void push_lua_exit_hooks(lua_State* L);

  // os.exit: runs the exit hooks on L (the calling thread), flushes stdio
  // and ends the process; close (os.exit(code, true)): first closes the
  // state as lua5.4 does (pending __close of the calling thread, then
  // lua_close: finalizers run).
  [[noreturn]] void exit_now(lua_State* L, int code, bool close = false);

  // For sockets: writes to a closed connection fail with EPIPE instead of
  // killing the process; stdout still ends the process with its reader.
  void catch_sigpipe() { signals_.catch_sigpipe(); }

  // Stops the loop after the running task (--run-for); exit code unchanged.
  void request_stop() { stop_requested_ = true; }
  bool stopping() const { return stop_requested_ || signals_.pending() != 0; }

  // Called by the scheduler.
  void before_task() { uv_update_time(loop_.get()); }
  // The timers' time (virtual under --speed); real_now() is libuv's, for
  // measuring how long something really took.
  std::uint64_t now() const { return clock_.now_ms(); }
  std::uint64_t real_now() { return uv_now(loop_.get()); }
  // runner: co's base frame is the scheduler's runner (left out of the traceback).
  void report_task_error(lua_State* L, lua_State* co, const TaskLabel& label, bool runner);
  void report_internal_error(lua_State* L);
  // The boot task (or a front end's input) ended with the message on top
  // of L (popped); failed_run: it makes the exit code 1.
  void report_boot_error(lua_State* L, bool failed_run);
  // The boot task (script, -e, -l) ended: the front end, if any, starts.
  void main_finished();

  std::uint64_t loop_iterations() const { return loop_iterations_; }

 private:
  static int boot_entry(lua_State* L);
  bool boot();
  void start_run_for();
  void run_loop();
  void poll_io(uv_run_mode mode);
  bool advance_virtual_clock();
  void note_long_task();
  void run_exit_hooks(lua_State* L) noexcept;
  void print_stop_summary();

  Options options_;
  Extensions extensions_;
  ThreadContext main_context_;
  uv::Loop loop_;  // first member: destroyed last, after every handle closed
  Clock clock_{loop_.get()};
  std::unordered_map<std::type_index, std::unique_ptr<Service>> services_;
  lua::StatePtr state_;
  SourceNames sources_;
  std::unique_ptr<Timers> timers_;
  std::unique_ptr<Scheduler> scheduler_;
  Diagnostics diagnostics_;
  Signals signals_;
  uv::Handle<uv_timer_t> run_for_timer_;
  uv::Handle<uv_async_t> keep_alive_;
  std::vector<std::function<void()>> exit_hooks_;
  std::vector<std::function<void(std::vector<std::string>&)>> open_reports_;
  std::size_t external_work_ = 0;
  std::size_t requests_ = 0;
  std::uint64_t loop_iterations_ = 0;
  std::optional<std::uint64_t> virtual_end_;  // run_virtual(hours): loop time to stop at
  bool stop_requested_ = false;
  bool keep_alive_forever_ = false;
  bool had_error_ = false;
  bool exit_hooks_ran_ = false;
};

}  // namespace plua::runtime
