#pragma once
// SIGINT/SIGTERM: stop the loop, even while a task is busy in Lua (a hook
// raises "interrupted!" in the running coroutine, as lua5.4 does), and exit
// with 128+signal. A second signal uses the default action and ends the
// process at once.

#include <lua.hpp>
#include <uv.h>

#include <atomic>

#include "uv/handle.hpp"

namespace plua::runtime {

class Scheduler;

class Signals {
 public:
  Signals() = default;
  Signals(const Signals&) = delete;
  Signals& operator=(const Signals&) = delete;
  ~Signals();

  void install(uv_loop_t* loop, const Scheduler& scheduler);
  // The signal received (0: none).
  int pending() const { return pending_.load(std::memory_order_relaxed); }

 private:
  static void on_signal(int sig);
  static void interrupt_hook(lua_State* L, lua_Debug* ar);

  uv::Handle<uv_async_t> wake_;
  const Scheduler* scheduler_ = nullptr;
  std::atomic<int> pending_{0};
  bool installed_ = false;
};

}  // namespace plua::runtime
