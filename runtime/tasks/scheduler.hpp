#pragma once
// The ready queue and the code that drains it. Everything that runs Lua
// after boot runs here, one task at a time, each in a pooled coroutine:
// timer callbacks, posted jobs, woken sleepers, requeued yielders and the
// main chunk. How a timer gets here and why: timers/timers.hpp.

#include <lua.hpp>
#include <uv.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "tasks/ring_queue.hpp"
#include "tasks/task.hpp"
#include "tasks/task_pool.hpp"

namespace plua::runtime {

class Runtime;

class Scheduler {
 public:
  Scheduler(Runtime& runtime, ThreadContext& main_context) : runtime_(runtime), pool_(main_context) {}

  // Queue a task at the back. Each may throw std::bad_alloc (the queue
  // grows); then nothing was queued, and enqueue_resume_coroutine has not
  // taken over the ref.
  void enqueue_timer(TimerId id, std::uint64_t due) { push(Task::fire(id, due)); }
  void enqueue_resume(TaskRef task) {
    push(Task::resume(task));
    ++queued_resumes_;
  }
  // Takes over coroutine_ref; it is released when that resume ends.
  void enqueue_resume_coroutine(int coroutine_ref) {
    push(Task::resume_coroutine(coroutine_ref));
    ++queued_resumes_;
  }
  // Work a libuv callback hands to Lua (an HTTP response, ...): see Job.
  // A posted job is user work until it has run.
  void post(const Job& job);
  std::size_t posted() const { return queued_jobs_; }

  // --debug-queue: one line on stderr per enqueue ('+') and run ('>').
  void log_queue(char what, const TaskLabel& label, std::int64_t late_ms) const noexcept;

  // Starts `fn` (on top of L's stack, popped) as a new task with the given
  // label, queued behind what is already there. May raise or throw
  // std::bad_alloc: protected code only.
  void spawn(lua_State* L, TaskLabel label);

  // Runs the tasks that are queued when the pass starts, in order; tasks
  // queued meanwhile wait for the next pass. Returns false if the pass
  // failed outside any task (out of memory), after reporting it.
  bool run_pass(lua_State* L);

  bool has_ready() const { return !ready_.empty(); }
  std::size_t queued() const { return ready_.size(); }
  // The queue itself, front to back: for introspection and tests.
  const RingQueue<Task>& ready() const { return ready_; }
  // Queued resumes are user work; queued timer tasks are counted by Timers.
  std::size_t queued_resumes() const { return queued_resumes_; }

  // _PY.sleep calls this before yielding, so that the yield is not taken
  // for a bare coroutine.yield() (which requeues the task).
  void note_sleep(lua_State* co) { sleeping_yield_ = co; }

  // The coroutine running Lua now, for the SIGINT hook (nullptr between tasks).
  lua_State* running() const { return running_.load(std::memory_order_relaxed); }

  std::uint64_t tasks_run() const { return tasks_run_; }
  void set_debug_queue(bool on) { debug_queue_ = on; }
  // The running callback stood still for `ms` (a debugger held the loop):
  // that time is not counted as the callback blocking the loop.
  void exclude_pause(std::uint64_t ms) {
    started_ += ms;
    if (ended_.pending) ended_.started += ms;
  }
  bool debug_queue() const { return debug_queue_; }
  const TaskPool& pool() const { return pool_; }

  // The runtime is inside uv_run on `loop` (nullptr: it is not). A task
  // queued meanwhile comes from a libuv callback, which may run before
  // the poll phase (a curl timer that reads an answer at once): uv_stop
  // keeps that poll from blocking until some later event, so the task
  // runs now. uv_run clears the flag when it returns.
  void set_polling(uv_loop_t* loop) { polling_ = loop; }

 private:
  void push(const Task& task) {
    ready_.push(task);
    if (polling_ != nullptr) uv_stop(polling_);
  }
  static int pass_entry(lua_State* L);
  void drain(lua_State* L);
  bool callback_next() const;
  // The runner: runs the callbacks (Timer and Job tasks) at the front of
  // the queue, one lua_callk each, in one pooled coroutine.
  static int runner(lua_State* R);
  static int runner_continue(lua_State* R, int status, lua_KContext ctx);
  void start_runner(lua_State* L);
  void run_task(lua_State* L, TaskRef ref);
  void run_coroutine(lua_State* L, int coroutine_ref);
  // lua_resume with the bookkeeping of a task run. `in_flight`: co goes on
  // with a callback already counted as started (false for a new runner,
  // which starts and ends its callbacks itself).
  int resume(lua_State* L, lua_State* co, int nargs, bool in_flight);
  void begin_callback(const TaskLabel& label, const Task& task);
  void end_callback(const TaskLabel& label);
  // Hands the callback that ended last to the diagnostics, now that the
  // clock has been read again (`now`).
  void settle(std::uint64_t now) noexcept;
  void continue_task(lua_State* L, TaskThread& t, int nargs, bool in_flight);
  // A bare coroutine.yield(): back of the queue, behind the timers due by now.
  void collect_before_requeue();
  void task_failed(lua_State* L, lua_State* co, const TaskLabel& label, bool runner);
  void finish(lua_State* L, TaskThread& t);

  Runtime& runtime_;
  TaskPool pool_;
  RingQueue<Task> ready_;
  uv_loop_t* polling_ = nullptr;
  std::size_t queued_resumes_ = 0;
  std::size_t queued_jobs_ = 0;
  std::size_t pass_budget_ = 0;
  lua_State* sleeping_yield_ = nullptr;
  std::atomic<lua_State*> running_{nullptr};
  // The callback running now: whether one is, and when it started.
  bool in_flight_ = false;
  std::uint64_t started_ = 0;
  // The callback that ended last, until settle() (diagnostics only).
  struct Ended {
    bool pending = false;
    TaskLabel label{};
    std::uint64_t started = 0;
  } ended_;
  std::uint64_t tasks_run_ = 0;
  bool debug_queue_ = false;
};

}  // namespace plua::runtime
