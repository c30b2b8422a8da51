#include "host/signals.hpp"

#include <poll.h>
#include <unistd.h>

#include <csignal>

#include "tasks/scheduler.hpp"

namespace plua::runtime {

namespace {

// A signal handler has no context argument: this is the one piece of
// process-wide state, set while a Runtime is running.
std::atomic<Signals*> active_signals{nullptr};

void set_handler(int sig, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  sigaction(sig, &action, nullptr);
}

}  // namespace

void Signals::install(uv_loop_t* loop, const Scheduler& scheduler, bool interactive,
                      std::function<void()> on_interrupt) {
  scheduler_ = &scheduler;
  interactive_ = interactive;
  on_interrupt_ = std::move(on_interrupt);
  wake_.get()->data = this;
  wake_.init_or_throw("the signal watcher", uv_async_init, loop, [](uv_async_t* handle) {
    auto* self = static_cast<Signals*>(handle->data);
    if (self->interrupted_.exchange(false) && self->on_interrupt_) self->on_interrupt_();
  });
  uv_unref(wake_.base());  // infrastructure: never keeps the process alive
  active_signals.store(this);
  set_handler(SIGINT, &Signals::on_signal);
  set_handler(SIGTERM, &Signals::on_signal);
  installed_ = true;
}

Signals::~Signals() {
  if (!installed_) return;
  active_signals.store(nullptr);
  set_handler(SIGINT, SIG_DFL);
  set_handler(SIGTERM, SIG_DFL);
}

void Signals::on_signal(int sig) {
  Signals* self = active_signals.load();
  if (self == nullptr) {
    set_handler(sig, SIG_DFL);
    return;
  }
  if (sig == SIGINT && self->interactive_) {
    self->interrupted_.store(true);
  } else {
    set_handler(sig, SIG_DFL);
    int expected = 0;
    self->pending_.compare_exchange_strong(expected, sig);
  }
  lua_State* co = self->scheduler_->running();
  self->hit_task_.store(co != nullptr);
  if (co != nullptr) lua_sethook(co, &Signals::interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
  uv_async_send(self->wake_.get());  // async-signal-safe; wakes a blocked poll
}

void Signals::interrupt_hook(lua_State* L, lua_Debug*) {
  lua_sethook(L, nullptr, 0, 0);
  luaL_error(L, "interrupted!");
}

void Signals::catch_sigpipe() {
  if (sigpipe_caught_) return;
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) return;
  struct sigaction quiet {};
  quiet.sa_handler = [](int) {};
  quiet.sa_flags = SA_RESTART;
  sigemptyset(&quiet.sa_mask);
  if (sigaction(SIGPIPE, &quiet, nullptr) == 0) sigpipe_caught_ = true;
}

// A pipe whose reader is gone reports POLLERR on its write end; any other
// stdout error (a full disk) is left to the script, as before.
void Signals::end_if_stdout_reader_gone() {
  pollfd out{STDOUT_FILENO, POLLOUT, 0};
  if (poll(&out, 1, 0) != 1 || (out.revents & POLLERR) == 0) return;
  std::fflush(stderr);
  signal(SIGPIPE, SIG_DFL);
  raise(SIGPIPE);
}

}  // namespace plua::runtime
