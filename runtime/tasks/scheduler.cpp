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

}  // namespace

void Scheduler::log_queue(char what, const TaskLabel& label, std::int64_t late_ms) const {
  const std::string task = describe_task(label, runtime_.sources());
  if (late_ms >= 0) {
    fmt::print(stderr, "[queue] {} {} (queue {}, {} ms after due)\n", what, task, ready_.size(), late_ms);
  } else {
    fmt::print(stderr, "[queue] {} {} (queue {})\n", what, task, ready_.size());
  }
}

void Scheduler::spawn(lua_State* L, TaskLabel label) {
  TaskThread& t = pool_.acquire(L);
  lua_xmove(L, t.thread, 1);
  t.label = label;
  enqueue_resume(t.ref, false, t.generation);
}

void Scheduler::post(Job job, TaskLabel label) {
  jobs_.push_back(PostedJob{std::move(job), label});
  ready_.push(Task{Task::Kind::Job, false, LUA_NOREF, 0, 0});
  if (debug_queue_) log_queue('+', label, -1);
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
// Locals here are trivially destructible: a longjmp may cross this frame.
int Scheduler::pass_entry(lua_State* L) {
  auto* self = static_cast<Scheduler*>(lua_touserdata(L, 1));
  lua_pop(L, 1);
  return lua::after_cpp(L, [&] {
    while (self->pass_budget_ > 0 && !self->runtime_.stopping()) {
      --self->pass_budget_;
      const Task task = self->ready_.pop();
      if (task.kind == Task::Kind::Resume) --self->queued_resumes_;
      self->run_one(L, task);
    }
    return lua::pushed(0);
  });
}

// The job leaves the list before it runs, so that an error (even out of
// memory) can never run it twice.
void Scheduler::run_job(lua_State* L, const Task& task) {
  PostedJob posted = std::move(jobs_.front());
  jobs_.pop_front();
  const int base = lua_gettop(L);
  const int nargs = posted.job(L);
  if (nargs < 0) {
    lua_settop(L, base);
    return;
  }
  TaskThread& t = pool_.acquire(L);
  lua_xmove(L, t.thread, nargs + 1);
  t.label = posted.label;
  runtime_.before_task();
  if (debug_queue_) log_queue('>', t.label, -1);
  resume(L, t.thread, nargs, &t, task);
}

void Scheduler::run_one(lua_State* L, const Task& task) {
  if (task.kind == Task::Kind::Job) {
    run_job(L, task);
    return;
  }
  if (task.kind == Task::Kind::Timer) {
    TaskThread& t = pool_.acquire(L);
    const int nargs = runtime_.timers().begin_fire(t.thread, task, t.label);
    if (nargs < 0) {  // cleared after it was queued
      pool_.release(L, t);
      return;
    }
    runtime_.before_task();
    if (debug_queue_) log_queue('>', t.label, static_cast<std::int64_t>(runtime_.now() - task.due));
    resume(L, t.thread, nargs, &t, task);
    return;
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, task.thread_ref);
  lua_State* co = lua_tothread(L, -1);
  lua_pop(L, 1);
  TaskThread* owner = context_of(co)->task;  // nullptr: a script's own coroutine
  if (owner != nullptr && owner->generation != task.due) return;  // stale wake-up
  if (!resumable(co)) {
    finish(L, owner, task);
    return;
  }
  runtime_.before_task();
  if (debug_queue_) log_queue('>', owner != nullptr ? owner->label : TaskLabel{TaskLabel::Kind::Coroutine, 0, {}}, -1);
  resume(L, co, 0, owner, task);
}

void Scheduler::resume(lua_State* L, lua_State* co, int nargs, TaskThread* owner, const Task& task) {
  sleeping_yield_ = nullptr;
  Diagnostics& diagnostics = runtime_.diagnostics();
  // Loop time (ms, a coarse clock): already fresh from before_task().
  const std::uint64_t started = runtime_.now();
  running_.store(co, std::memory_order_relaxed);
  int nres = 0;
  const int status = lua_resume(co, L, nargs, &nres);
  running_.store(nullptr, std::memory_order_relaxed);
  ++tasks_run_;
  if (diagnostics.enabled()) {
    const TaskLabel label = owner != nullptr ? owner->label : TaskLabel{TaskLabel::Kind::Coroutine, 0, {}};
    runtime_.before_task();
    diagnostics.task_ran((runtime_.now() - started) * 1'000'000, label, runtime_.sources());
  }
  if (status == LUA_YIELD) {
    lua_pop(co, nres);
    if (sleeping_yield_ == co) {
      // The wake-up record holds the thread now (its own ref for a script
      // coroutine, the pool's for a task thread).
      if (task.owns_ref) luaL_unref(L, LUA_REGISTRYINDEX, task.thread_ref);
      return;
    }
    // A bare coroutine.yield() from the task: back of the queue, behind
    // the timers that are due by now, so a polling loop lets them run.
    runtime_.timers().collect_due(runtime_.now(), *this);
    if (owner != nullptr) {
      enqueue_resume(owner->ref, false, owner->generation);
      if (debug_queue_) log_queue('+', owner->label, -1);
    } else {
      enqueue_resume(task.thread_ref, task.owns_ref, 0);
      if (debug_queue_) log_queue('+', TaskLabel{TaskLabel::Kind::Coroutine, 0, {}}, -1);
    }
    return;
  }
  if (status != LUA_OK) {
    const TaskLabel label = owner != nullptr ? owner->label : TaskLabel{TaskLabel::Kind::Coroutine, 0, {}};
    runtime_.report_task_error(L, co, label);
    if (label.kind == TaskLabel::Kind::Interval) runtime_.timers().clear_after_error(label.timer);
  }
  finish(L, owner, task);
}

void Scheduler::finish(lua_State* L, TaskThread* owner, const Task& task) {
  if (owner != nullptr) {
    const bool main_task = owner->label.kind == TaskLabel::Kind::Main;
    pool_.release(L, *owner);
    if (main_task) runtime_.main_finished();
  } else if (task.owns_ref) {
    luaL_unref(L, LUA_REGISTRYINDEX, task.thread_ref);
  }
}

}  // namespace plua::runtime
