#pragma once
// SIGINT/SIGTERM: stop the loop, even while a task is busy in Lua (a hook
// raises "interrupted!" in the running coroutine, as lua5.4 does), and exit
// with 128+signal. A second signal uses the default action and ends the
// process at once.

#include <lua.hpp>
#include <uv.h>

#include <atomic>
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
  // running task and `on_interrupt` runs on the loop (the REPL drops the
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

 private:
  static void on_signal(int sig);
  static void interrupt_hook(lua_State* L, lua_Debug* ar);

  uv::Handle<uv_async_t> wake_;
  const Scheduler* scheduler_ = nullptr;
  std::atomic<int> pending_{0};
  std::atomic<bool> interrupted_{false};
  std::atomic<bool> hit_task_{false};
  std::function<void()> on_interrupt_;
  bool interactive_ = false;
  bool installed_ = false;
};

}  // namespace plua::runtime
