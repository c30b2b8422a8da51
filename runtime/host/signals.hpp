#pragma once
// SIGINT/SIGTERM: stop the loop, even while a task is busy in Lua (a hook
// raises "interrupted!" in the running coroutine, as lua5.4 does), and exit
// with 128+signal. A second signal uses the default action and ends the
// process at once.

#include <lua.hpp>
#include <uv.h>

#include <atomic>
#include <cstdio>
#include <functional>

#include "uv/handle.hpp"

namespace plua::runtime {

class Scheduler;

class Signals {
 public:
  Signals() = default;
  Signals(const Signals&) = delete;
  Signals& operator=(const Signals&) = delete;
  ~Signals();

  // In interactive mode SIGINT does not end the process: it interrupts the
  // running task and `on_interrupt` runs on the loop (a front end drops the
  // line being typed).
  void install(uv_loop_t* loop, const Scheduler& scheduler, bool interactive, std::function<void()> on_interrupt);
  // The signal that ends the process (0: none).
  int pending() const { return pending_.load(std::memory_order_relaxed); }
  // Interactive mode: SIGINT found no task to interrupt and no prompt to
  // clear, so it ends the process after all (as 130).
  void make_terminal(int sig) {
    int expected = 0;
    pending_.compare_exchange_strong(expected, sig);
  }
  // Whether the last interactive SIGINT interrupted a running task.
  bool hit_task() const { return hit_task_.load(std::memory_order_relaxed); }

  // Sockets need a write to a closed connection to fail with EPIPE rather
  // than kill the process: SIGPIPE gets a handler that does nothing (not
  // SIG_IGN, so programs started by io.popen get the default back at exec),
  // unless something else already set its disposition. stdout then no
  // longer dies with its reader, so check_stdout() does what SIGPIPE did.
  void catch_sigpipe();
  // Between passes: if writing stdout failed because its reader went away
  // (`plua qa.lua | head -1`), end the process as SIGPIPE would have.
  void check_stdout() {
    if (sigpipe_caught_ && std::ferror(stdout)) end_if_stdout_reader_gone();
  }

 private:
  static void on_signal(int sig);
  static void end_if_stdout_reader_gone();
  static void interrupt_hook(lua_State* L, lua_Debug* ar);

  uv::Handle<uv_async_t> wake_;
  const Scheduler* scheduler_ = nullptr;
  std::atomic<int> pending_{0};
  std::atomic<bool> interrupted_{false};
  std::atomic<bool> hit_task_{false};
  bool sigpipe_caught_ = false;
  std::function<void()> on_interrupt_;
  bool interactive_ = false;
  bool installed_ = false;
};

}  // namespace plua::runtime
