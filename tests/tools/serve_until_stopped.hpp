#pragma once
// The test servers' main loop: runs `loop` until SIGTERM or until stdin
// ends (the test closes it), then exits the process at once.

#include <uv.h>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace plua::test {

[[noreturn]] inline void serve_until_stopped(uv_loop_t* loop) {
  // stdin is read by a thread: it may be a pipe, a terminal or /dev/null.
  static uv_async_t stop;
  uv_async_init(loop, &stop, [](uv_async_t* a) { uv_stop(a->loop); });
  static uv_signal_t term;
  uv_signal_init(loop, &term);
  uv_signal_start(
      &term, [](uv_signal_t* s, int) { uv_stop(s->loop); }, SIGTERM);
  std::thread stdin_watch([] {
    char buf[256];
    while (read(STDIN_FILENO, buf, sizeof buf) > 0) {
    }
    uv_async_send(&stop);
  });
  stdin_watch.detach();
  uv_run(loop, UV_RUN_DEFAULT);
  std::fflush(stdout);
  std::_Exit(0);  // the stdin thread may still be blocked in read()
}

}  // namespace plua::test
