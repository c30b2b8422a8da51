#include "runtime.hpp"

#include <fmt/format.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "host/api.hpp"
#include "boot/boot.hpp"
#include "boot/errors.hpp"
#include "lua/guard.hpp"
#include "boot/module_registry.hpp"
#include "boot/script_loader.hpp"

namespace plua::runtime {

namespace {

// Registry key (its address) of the _PY.on_exit table.
constexpr char kLuaExitHooks = 0;

struct BootPlan {
  Runtime* runtime;
  const std::vector<Chunk>* chunks;
};

}  // namespace

Runtime::Runtime(Options options, Extensions extensions)
    : options_(std::move(options)), extensions_(std::move(extensions)), diagnostics_(options_.warnings) {
  main_context_.runtime = this;
  state_.reset(luaL_newstate());
  if (!state_) throw std::bad_alloc();
  set_context(state_.get(), &main_context_);
  timers_ = std::make_unique<Timers>(loop_.get(), state_.get());
  scheduler_ = std::make_unique<Scheduler>(*this, main_context_);
  scheduler_->set_debug_queue(options_.debug_queue);
}

Runtime::~Runtime() {
  // The front end lets go of its handles while the loop is alive, however
  // the run ended (stop() is idempotent).
  if (extensions_.frontend != nullptr) extensions_.frontend->stop();
  // Close the state first: finalizers may still call into the timers.
  state_.reset();
}

// Runs under lua_pcall: opens the libraries, installs plua's globals,
// loads every chunk and queues the boot task.
int Runtime::boot_entry(lua_State* L) {
  auto* plan = static_cast<BootPlan*>(lua_touserdata(L, 1));
  lua_pop(L, 1);
  if (plan->runtime->options_.ignore_env) {
    // lua5.4's -E: package.path/cpath keep their defaults.
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  luaL_openlibs(L);
  if (plan->runtime->options_.lua_warnings) lua_warning(L, "@on", 0);
  plan->runtime->sources_.anchor_slot(L);
  install_module_searcher(L);
  install_timer_api(L);
  install_py_api(L);
  install_os_overrides(L);
  Diagnostics::install(L, plan->runtime->options_.warnings);
  set_arg_table(L, plan->runtime->options_);
  for (BootExtension* extension : plan->runtime->extensions_.boot) extension->install(L);
  push_boot_function(L, *plan->chunks);
  return lua::after_cpp(L, [&] {
    plan->runtime->scheduler_->spawn(L, TaskLabel{TaskLabel::Kind::Main, 0, {}});
    return lua::pushed(0);
  });
}

bool Runtime::boot() {
  std::vector<Chunk> chunks;
  std::string error;
  collect_chunks(options_, chunks);
  if (options_.start_time) {
    const auto start = parse_start_time(*options_.start_time);
    if (!start) {
      print_error(fmt::format("PLUA_TIME: cannot read '{}' as a date/time ({})", *options_.start_time, kStartTimeForms));
      return false;
    }
    clock_.pin(*start);
  }
  if (options_.speed_hours) run_virtual(options_.speed_hours);
  for (BootExtension* extension : extensions_.boot) {
    if (!extension->plan(options_, chunks, error)) {
      print_error(error);
      return false;
    }
  }
  BootPlan plan{this, &chunks};
  lua_State* L = state_.get();
  lua_pushcfunction(L, &Runtime::boot_entry);
  lua_pushlightuserdata(L, &plan);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    print_error(pop_error_message(L));
    return false;
  }
  return true;
}

int Runtime::run() {
  if (!boot()) return 1;
  Frontend* frontend = extensions_.frontend;
  signals_.install(loop_.get(), *scheduler_, frontend != nullptr, [this, frontend] {
    // Interactive Ctrl-C: the front end clears its line, or the running
    // task is interrupted (its hook raised "interrupted!"), or else the
    // run ends.
    if (frontend != nullptr && frontend->on_interrupt()) return;
    if (!signals_.hit_task()) {
      signals_.make_terminal(SIGINT);
      uv_stop(loop_.get());
    }
  });
  start_run_for();
  run_loop();
  if (stopping()) {
    print_stop_summary();
  } else if (scheduler_->tasks_run() > 1) {
    // Only a script that used timers or tasks: a plain Lua script may
    // leave a generator suspended.
    diagnostics_.report_stranded_coroutines(state_.get());
  }
  if (frontend != nullptr) frontend->stop();
  run_exit_hooks(state_.get());
  if (const int sig = signals_.pending(); sig != 0) return 128 + sig;
  return had_error_ ? 1 : 0;
}

void Runtime::start_run_for() {
  if (!options_.run_for) return;
  const double seconds = *options_.run_for;
  if (seconds == 0) {
    // Run forever: a referenced handle that never fires keeps the loop blocking.
    keep_alive_forever_ = true;
    keep_alive_.init_or_throw("the --run-for handle", uv_async_init, loop_.get(), [](uv_async_t*) {});
    return;
  }
  const double ms = std::min(std::fabs(seconds) * 1000.0, 1e15);
  run_for_timer_.init_or_throw("the --run-for timer", uv_timer_init, loop_.get());
  run_for_timer_.get()->data = this;
  uv_timer_start(
      run_for_timer_.get(),
      [](uv_timer_t* t) {
        auto* self = static_cast<Runtime*>(t->data);
        self->stop_requested_ = true;
        uv_stop(self->loop_.get());
      },
      static_cast<std::uint64_t>(ms), 0);
  if (seconds > 0) {
    uv_unref(run_for_timer_.base());  // a cap: it never keeps the process alive
  } else {
    keep_alive_forever_ = true;  // exactly -N seconds
  }
}

void Runtime::run_virtual(std::optional<double> hours) {
  if (clock_.is_virtual()) return;
  clock_.make_virtual();
  timers_->disarm();
  if (hours) {
    const double ms = std::min(std::max(*hours, 0.0) * 3'600'000.0, 1e15);
    virtual_end_ = clock_.now_ms() + static_cast<std::uint64_t>(ms);
  }
}

// Nothing is ready and no real I/O is in flight: the virtual clock jumps
// to the next deadline (or to the end of a --speed run, which then
// stops). False when there is no deadline to jump to and something else
// may still come (a connection, the REPL's input): the loop waits for it
// in real time, as it would without --speed.
bool Runtime::advance_virtual_clock() {
  const std::uint64_t next = timers_->next_due();
  if (next == Timers::kNever && external_work_ > 0) return false;
  if (virtual_end_ && (next == Timers::kNever || next > *virtual_end_)) {
    clock_.advance_to(*virtual_end_);
    stop_requested_ = true;
    return true;
  }
  if (next == Timers::kNever) return false;
  clock_.advance_to(next);
  return true;
}

bool Runtime::has_user_work() const {
  return keep_alive_forever_ || timers_->keepalive_count() > 0 || scheduler_->queued_resumes() > 0 ||
         scheduler_->posted() > 0 || external_work_ > 0;
}

namespace {
// Due timers moved to the ready queue per loop iteration (see collect_due).
constexpr std::size_t kCollectSlice = 4096;
}  // namespace

void Runtime::run_loop() {
  uv_loop_t* loop = loop_.get();
  lua_State* L = state_.get();
  uv_update_time(loop);
  std::uint64_t last_poll = uv_now(loop);
  while (!stopping()) {
    ++loop_iterations_;
    timers_->collect_due(now(), *scheduler_, kCollectSlice);
    if (Frontend* frontend = extensions_.frontend; frontend != nullptr && scheduler_->has_ready()) {
      frontend->before_pass();
      scheduler_->run_pass(L);
      frontend->after_pass();
    } else {
      scheduler_->run_pass(L);
    }
    if (diagnostics_.has_long_task()) note_long_task();
    signals_.check_stdout();
    if (stopping() || !has_user_work()) break;
    uv_update_time(loop);
    const std::uint64_t real = uv_now(loop);
    if (scheduler_->has_ready() || timers_->has_due(now())) {
      // More work is ready: keep draining, but still poll I/O (without
      // blocking) at least once per (real) millisecond.
      if (real != last_poll) {
        poll_io(UV_RUN_NOWAIT);
        last_poll = real;
      }
      continue;
    }
    if (clock_.is_virtual()) {
      // Real I/O in flight is waited for in real time, the clock standing
      // still; otherwise time jumps, and I/O is polled on the way.
      if (requests_ == 0) {
        if (external_work_ > 0) {
          // Something may have sent input meanwhile (a connection, the
          // REPL): what is ready now runs before time moves on.
          poll_io(UV_RUN_NOWAIT);
          last_poll = uv_now(loop);
          if (scheduler_->has_ready()) continue;
        }
        if (advance_virtual_clock()) {
          if (real != last_poll) {
            poll_io(UV_RUN_NOWAIT);
            last_poll = real;
          }
          continue;
        }
        timers_->arm(now());  // only a never-deadline is left: block as the real clock would
      }
    } else {
      timers_->arm(real);
    }
    poll_io(UV_RUN_ONCE);
    last_poll = uv_now(loop);
  }
}

// One round of libuv. A task its callbacks queue keeps the round from
// blocking (Scheduler::set_polling).
void Runtime::poll_io(uv_run_mode mode) {
  scheduler_->set_polling(loop_.get());
  uv_run(loop_.get(), mode);
  scheduler_->set_polling(nullptr);
}

// A task ran for over a second: warn if it kept anything waiting by more
// than a second (a ready task, an overdue timer, I/O or a front end).
void Runtime::note_long_task() {
  uv_update_time(loop_.get());
  const std::uint64_t t = now();
  const bool overdue = !clock_.is_virtual() && t >= 1000 && timers_->has_due(t - 1000);
  diagnostics_.pass_ended(scheduler_->has_ready() || overdue || external_work_ > 0);
}

void Runtime::push_lua_exit_hooks(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kLuaExitHooks) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kLuaExitHooks);
}

// Runs from os.exit (inside a lua_CFunction) as well as after the loop, so
// nothing may throw out of it or raise: the table is read raw, hooks run under lua_pcall, and reporting falls back to the
// bare message if formatting runs out of memory.
void Runtime::run_exit_hooks(lua_State* L) noexcept {
  if (exit_hooks_ran_) return;
  exit_hooks_ran_ = true;
  const int top = lua_gettop(L);
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kLuaExitHooks) == LUA_TTABLE) {
    const int hooks = lua_gettop(L);
    for (lua_Integer i = 1; lua_rawgeti(L, hooks, i) != LUA_TNIL; ++i) {
      if (lua_pcall(L, 0, 0, 0) == LUA_OK) continue;
      had_error_ = true;
      try {
        print_error(fmt::format("error in exit handler: {}", pop_error_message(L)));
      } catch (...) {
        std::fputs("plua: error in exit handler\n", stderr);
      }
    }
  }
  lua_settop(L, top);
  for (auto& hook : exit_hooks_) {
    try {
      hook();
    } catch (...) {
      // A hook that fails (out of memory) must not stop the others.
    }
  }
}

void Runtime::exit_now(lua_State* L, int code, bool close) {
  run_exit_hooks(L);
  if (close) {
    // The calling thread's pending __close handlers run first (lua_close
    // only sees the main thread's); the process ends here, so the thread
    // is never resumed after it was reset. A finalizer that calls
    // os.exit(c, true) while the state closes closes it again: the
    // remaining finalizers run, as in lua5.4.
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
    lua_State* main = lua_tothread(L, -1);
    lua_pop(L, 1);
    if (main == nullptr) main = L;
    if (L != main) lua_resetthread(L);
    if (extensions_.frontend != nullptr) extensions_.frontend->stop();
    lua_close(main);
  }
  std::fflush(stdout);
  std::fflush(stderr);
  std::exit(code);
}

void Runtime::exclude_pause(std::uint64_t ms) { scheduler_->exclude_pause(ms); }

void Runtime::main_finished() {
  if (extensions_.frontend != nullptr) extensions_.frontend->main_finished(*this);
}

void Runtime::print_stop_summary() {
  // One line naming what was left, grouped by where it was created.
  std::vector<std::pair<std::string, int>> places;
  std::size_t timers = 0;
  timers_->for_each_timer([&](TimerId, Timers::Kind, Origin origin) {
    ++timers;
    const std::string where = sources_.describe(origin);
    for (auto& [place, count] : places) {
      if (place == where) {
        ++count;
        return;
      }
    }
    places.emplace_back(where, 1);
  });
  const std::size_t sleeping = timers_->sleeping();
  std::vector<std::string> open;
  for (const auto& report : open_reports_) report(open);
  if (timers == 0 && sleeping == 0 && requests_ == 0 && open.empty()) return;
  std::vector<std::string> parts;
  if (timers > 0) {
    std::string part = fmt::format("{} timer{} pending", timers, timers == 1 ? "" : "s");
    if (!places.empty()) {
      part += " (created at ";
      for (std::size_t i = 0; i < places.size() && i < 5; ++i) {
        if (i > 0) part += ", ";
        part += places[i].second > 1 ? fmt::format("{} x{}", places[i].first, places[i].second) : places[i].first;
      }
      if (places.size() > 5) part += ", ...";
      part += ")";
    }
    parts.push_back(std::move(part));
  }
  if (sleeping > 0) parts.push_back(fmt::format("{} sleeping task{}", sleeping, sleeping == 1 ? "" : "s"));
  if (requests_ > 0) parts.push_back(fmt::format("{} request{} in flight", requests_, requests_ == 1 ? "" : "s"));
  for (std::string& part : open) parts.push_back(std::move(part));
  std::string text = "stopped with ";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? " and " : "") + parts[i];
  print_error(text);
}

void Runtime::report_task_error(lua_State* L, lua_State* co, const TaskLabel& label, bool runner) {
  if (signals_.pending() != 0) return;  // interrupted: exit quietly with 128+signal
  // An error in a chunk a front end entered is the user's feedback, not a
  // failed run.
  if (label.kind != TaskLabel::Kind::Input) had_error_ = true;
  std::string text = describe_thread_error(L, co, runner);
  if (const std::string* owner = sources_.owner_in(co)) text = fmt::format("[{}] {}", *owner, text);
  switch (label.kind) {
    case TaskLabel::Kind::Main:
      break;
    case TaskLabel::Kind::Timeout:
      text += fmt::format("\n\tin setTimeout callback (timer {} created at {})", label.timer,
                          sources_.describe(label.origin));
      break;
    case TaskLabel::Kind::Interval:
      text += fmt::format("\n\tin setInterval callback (timer {} created at {}); the interval was cleared",
                          label.timer, sources_.describe(label.origin));
      break;
    case TaskLabel::Kind::Coroutine:
      text += "\n\tin a coroutine resumed by the event loop after _PY.sleep";
      break;
    case TaskLabel::Kind::Input:
      break;
    case TaskLabel::Kind::Callback:
      text += fmt::format("\n\tin {} (created at {})", label.what != nullptr ? label.what : "a callback",
                          sources_.describe(label.origin));
      break;
  }
  print_error(text);
}

void Runtime::report_boot_error(lua_State* L, bool failed_run) {
  if (signals_.pending() != 0) {  // interrupted: exit quietly with 128+signal
    lua_pop(L, 1);
    return;
  }
  if (failed_run) had_error_ = true;
  print_error(pop_error_message(L));
}

void Runtime::report_internal_error(lua_State* L) {
  had_error_ = true;
  print_error(pop_error_message(L));
}

}  // namespace plua::runtime
