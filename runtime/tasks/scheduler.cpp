#include "tasks/scheduler.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <new>

#include "host/diagnostics.hpp"
#include "lua/guard.hpp"

#include "runtime.hpp"

namespace plua::runtime {

namespace {

// A thread the loop may resume: suspended in a yield, or fresh with its
// function on the stack. Anything else was resumed to its end by a script
// meanwhile.
bool resumable(lua_State* co) {
  const int status = lua_status(co);
  if (status == LUA_YIELD) return true;
  lua_Debug ar;
  return status == LUA_OK && lua_getstack(co, 0, &ar) == 0 && lua_gettop(co) > 0;
}

constexpr TaskLabel kCoroutineLabel{TaskLabel::Kind::Coroutine, 0, {}, nullptr};

const TaskLabel& label_of(lua_State* co) {
  const TaskThread* t = context_of(co)->task;
  return t != nullptr ? t->label : kCoroutineLabel;
}

}  // namespace

void Scheduler::log_queue(char what, const TaskLabel& label, std::int64_t late_ms) const noexcept {
  try {
    const std::string task = describe_task(label, runtime_.sources());
    if (late_ms >= 0) {
      fmt::print(stderr, "[queue] {} {} (queue {}, {} ms after due)\n", what, task, ready_.size(), late_ms);
    } else {
      fmt::print(stderr, "[queue] {} {} (queue {})\n", what, task, ready_.size());
    }
  } catch (...) {
    // Out of memory: the line is lost, the run goes on.
  }
}

void Scheduler::spawn(lua_State* L, TaskLabel label) {
  TaskThread& t = pool_.acquire(L);
  if (!lua_checkstack(t.thread, 1)) {
    pool_.release(L, t);
    throw std::bad_alloc();
  }
  lua_xmove(L, t.thread, 1);
  t.label = label;
  try {
    enqueue_resume(TaskPool::ref_of(t));
  } catch (const std::bad_alloc&) {
    pool_.release(L, t);
    throw;
  }
}

void Scheduler::post(const Job& job) {
  push(Task::posted(job));
  ++queued_jobs_;
  if (debug_queue_) log_queue('+', job.label, -1);
}

bool Scheduler::run_pass(lua_State* L) {
  if (ready_.empty()) return true;
  pass_budget_ = ready_.size();
  lua_pushcfunction(L, &Scheduler::pass_entry);
  lua_pushlightuserdata(L, this);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    runtime_.report_internal_error(L);
    return false;
  }
  return true;
}

// Runs inside lua_pcall so that a Lua memory error raised between tasks
// (creating a thread, pushing arguments) cannot escape to the loop.
// Nothing below holds an object with a destructor while it calls Lua: a
// longjmp may cross any of these frames.
int Scheduler::pass_entry(lua_State* L) {
  auto* self = static_cast<Scheduler*>(lua_touserdata(L, 1));
  lua_pop(L, 1);
  return lua::after_cpp(L, [&] {
    self->drain(L);
    return lua::pushed(0);
  });
}

bool Scheduler::callback_next() const {
  if (pass_budget_ == 0 || runtime_.stopping()) return false;
  const Task::Kind kind = ready_.front().kind;
  return kind == Task::Kind::Timer || kind == Task::Kind::Job;
}

void Scheduler::drain(lua_State* L) {
  while (pass_budget_ > 0 && !runtime_.stopping()) {
    if (callback_next()) {
      start_runner(L);  // takes at least this task
      continue;
    }
    --pass_budget_;
    const Task task = ready_.pop();
    --queued_resumes_;
    if (task.kind == Task::Kind::Resume) {
      run_task(L, task.task);
    } else {
      run_coroutine(L, task.coroutine_ref);
    }
  }
}

// ---- the runner: callbacks one after another in one coroutine ---------------

void Scheduler::start_runner(lua_State* L) {
  TaskThread& t = pool_.acquire(L);
  if (!lua_checkstack(t.thread, 1)) {
    pool_.release(L, t);
    throw std::bad_alloc();
  }
  t.runner = true;
  lua_pushcfunction(t.thread, &Scheduler::runner);
  continue_task(L, t, 0, false);
}

// The base function of a runner coroutine R. A callback that returns lets
// the loop go on to the next one; a callback that raises ends R (the
// scheduler reports it and goes on in another runner); a callback that
// yields suspends R, which is from then on that callback's own task:
// when it is resumed and the callback returns, runner_continue ends it.
// Locals are trivially destructible: callbacks raise through this frame.
int Scheduler::runner(lua_State* R) {
  Scheduler& self = runtime_of(R).scheduler();
  Timers& timers = self.runtime_.timers();
  TaskThread& me = *context_of(R)->task;
  timers.push_callbacks(R);
  const int callbacks = lua_gettop(R);
  while (self.callback_next()) {
    --self.pass_budget_;
    const Task task = self.ready_.pop();
    int nargs = 0;
    if (task.kind == Task::Kind::Timer) {
      nargs = timers.begin_fire(R, callbacks, task.timer, self.runtime_.now(), me.label);
      if (nargs == Timers::kCleared) continue;
      // R is running: the error ends this task, reported under the timer's label.
      if (nargs == Timers::kNoMemory) lua::raise_out_of_memory(R);
    } else {
      --self.queued_jobs_;
      me.label = task.job.label;
      if (!lua_checkstack(R, LUA_MINSTACK)) lua::raise_out_of_memory(R);
      nargs = task.job.run(R, task.job.ctx, task.job.arg);
      if (nargs < 0) {
        lua_settop(R, callbacks);
        continue;
      }
    }
    self.begin_callback(me.label, task);
    lua_callk(R, nargs, 0, 0, &Scheduler::runner_continue);
    self.end_callback(me.label);
  }
  return 0;
}

int Scheduler::runner_continue(lua_State*, int, lua_KContext) { return 0; }

// One clock read per callback: it starts this one and ends the one before.
void Scheduler::begin_callback(const TaskLabel& label, const Task& task) {
  runtime_.before_task();
  started_ = runtime_.real_now();
  settle(started_);
  if (debug_queue_) {
    const bool timer = task.kind == Task::Kind::Timer;
    log_queue('>', label, timer ? static_cast<std::int64_t>(runtime_.now() - task.timer.due) : -1);
  }
  in_flight_ = true;
}

void Scheduler::end_callback(const TaskLabel& label) {
  in_flight_ = false;
  ++tasks_run_;
  if (runtime_.diagnostics().enabled()) {
    ended_ = Ended{true, label, started_};
  }
}

void Scheduler::settle(std::uint64_t now) noexcept {
  if (!ended_.pending) return;
  ended_.pending = false;
  const std::uint64_t ns = (now - ended_.started) * 1'000'000;
  Diagnostics& diagnostics = runtime_.diagnostics();
  // The common case, without a call: a short task and no candidate waiting.
  if (ns < Diagnostics::kLongTaskNs && !diagnostics.has_long_task()) return;
  try {
    diagnostics.task_ran(ns, ended_.label, runtime_.sources());
  } catch (...) {
    // Out of memory: the warning is lost.
  }
}

// ---- resuming ------------------------------------------------------------------

int Scheduler::resume(lua_State* L, lua_State* co, int nargs, bool in_flight) {
  sleeping_yield_ = nullptr;
  // Loop time (ms, a coarse clock): already fresh from before_task().
  started_ = runtime_.real_now();
  in_flight_ = in_flight;
  running_.store(co, std::memory_order_relaxed);
  int nres = 0;
  const int status = lua_resume(co, L, nargs, &nres);
  running_.store(nullptr, std::memory_order_relaxed);
  if (in_flight_) end_callback(label_of(co));
  if (ended_.pending) {
    runtime_.before_task();
    settle(runtime_.real_now());
  }
  if (status == LUA_YIELD) lua_pop(co, nres);
  return status;
}

void Scheduler::collect_before_requeue() {
  // A polling loop (while not done do coroutine.yield() end) lets the
  // timers that are due by now run first.
  runtime_.timers().collect_due(runtime_.now(), *this);
}

void Scheduler::continue_task(lua_State* L, TaskThread& t, int nargs, bool in_flight) {
  const int status = resume(L, t.thread, nargs, in_flight);
  if (status == LUA_YIELD) {
    if (sleeping_yield_ == t.thread) return;  // its wake-up names it
    collect_before_requeue();
    enqueue_resume(TaskPool::ref_of(t));
    if (debug_queue_) log_queue('+', t.label, -1);
    return;
  }
  if (status != LUA_OK) task_failed(L, t.thread, t.label, t.runner);
  finish(L, t);
}

void Scheduler::run_task(lua_State* L, TaskRef ref) {
  TaskThread* t = pool_.find(ref);
  if (t == nullptr) return;  // that task ended meanwhile: a stale wake-up
  if (!resumable(t->thread)) {
    finish(L, *t);
    return;
  }
  runtime_.before_task();
  if (debug_queue_) log_queue('>', t->label, -1);
  continue_task(L, *t, 0, true);
}

// The queue entry owned coroutine_ref; it stays registered while the
// coroutine runs (nothing else may anchor it).
void Scheduler::run_coroutine(lua_State* L, int coroutine_ref) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, coroutine_ref);
  lua_State* co = lua_tothread(L, -1);
  lua_pop(L, 1);
  if (co == nullptr || !resumable(co)) {
    luaL_unref(L, LUA_REGISTRYINDEX, coroutine_ref);
    return;
  }
  runtime_.before_task();
  if (debug_queue_) log_queue('>', kCoroutineLabel, -1);
  const int status = resume(L, co, 0, true);
  if (status == LUA_YIELD && sleeping_yield_ != co) {
    try {
      collect_before_requeue();
      enqueue_resume_coroutine(coroutine_ref);  // the ref moves on
    } catch (const std::bad_alloc&) {
      luaL_unref(L, LUA_REGISTRYINDEX, coroutine_ref);
      throw;
    }
    if (debug_queue_) log_queue('+', kCoroutineLabel, -1);
    return;
  }
  // Ended, failed, or asleep: its wake-up holds a ref of its own.
  if (status != LUA_OK && status != LUA_YIELD) task_failed(L, co, kCoroutineLabel, false);
  luaL_unref(L, LUA_REGISTRYINDEX, coroutine_ref);
}

void Scheduler::task_failed(lua_State* L, lua_State* co, const TaskLabel& label, bool runner) {
  runtime_.report_task_error(L, co, label, runner);
  if (label.kind == TaskLabel::Kind::Interval) runtime_.timers().clear(label.timer);  // PLua behaviour
}

void Scheduler::finish(lua_State* L, TaskThread& t) {
  const bool main_task = t.label.kind == TaskLabel::Kind::Main;
  pool_.release(L, t);
  if (main_task) runtime_.main_finished();
}

}  // namespace plua::runtime
