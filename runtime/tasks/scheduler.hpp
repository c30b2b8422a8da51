#pragma once
// The ready queue and the code that drains it. Everything that runs Lua
// after boot runs here, one task at a time, each in a pooled coroutine:
// timer callbacks, woken sleepers, requeued yielders and the main chunk.
// libuv callbacks only enqueue (see timers.hpp), so Lua never runs nested
// inside libuv and the order of tasks is exactly the order of the queue.

#include <lua.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>

#include "tasks/ring_queue.hpp"
#include "tasks/task.hpp"
#include "tasks/task_pool.hpp"

namespace plua::runtime {

class Runtime;

class Scheduler {
 public:
  Scheduler(Runtime& runtime, ThreadContext& main_context) : runtime_(runtime), pool_(main_context) {}

  void enqueue_timer(TimerId id, std::uint64_t due) { ready_.push(Task{Task::Kind::Timer, false, LUA_NOREF, id, due}); }
  void enqueue_resume(int thread_ref, bool owns_ref, std::uint32_t generation) {
    ready_.push(Task{Task::Kind::Resume, owns_ref, thread_ref, 0, generation});
    ++queued_resumes_;
  }
  // Work a libuv callback hands to Lua (an HTTP response, ...): `job` runs
  // later, in queue order, in protected code on the main thread; it pushes a
  // function and its arguments and returns how many arguments, or -1 when
  // there is nothing to run. The function then runs as a task with `label`.
  // A posted job is user work until it has run.
  using Job = std::function<int(lua_State*)>;
  void post(Job job, TaskLabel label);
  std::size_t posted() const { return jobs_.size(); }

  // --debug-queue: one line on stderr per enqueue ('+') and run ('>').
  void log_queue(char what, const TaskLabel& label, std::int64_t late_ms) const;

  // Starts `fn` (on top of L's stack, popped) as a new task with the given
  // label, queued behind what is already there. Protected code only.
  void spawn(lua_State* L, TaskLabel label);

  // Runs the tasks that are queued when the pass starts, in order; tasks
  // queued meanwhile wait for the next pass. Returns false if the pass
  // failed outside any task (out of memory), after reporting it.
  bool run_pass(lua_State* L);

  bool has_ready() const { return !ready_.empty(); }
  std::size_t queued() const { return ready_.size(); }
  // Queued resumes are user work; queued timer tasks are counted by Timers.
  std::size_t queued_resumes() const { return queued_resumes_; }

  // _PY.sleep calls this before yielding, so that the yield is not taken
  // for a bare coroutine.yield() (which requeues the task).
  void note_sleep(lua_State* co) { sleeping_yield_ = co; }

  // The coroutine running Lua now, for the SIGINT hook (nullptr between tasks).
  lua_State* running() const { return running_.load(std::memory_order_relaxed); }

  std::uint64_t tasks_run() const { return tasks_run_; }
  void set_debug_queue(bool on) { debug_queue_ = on; }
  bool debug_queue() const { return debug_queue_; }
  const TaskPool& pool() const { return pool_; }

 private:
  static int pass_entry(lua_State* L);
  void run_one(lua_State* L, const Task& task);
  void run_job(lua_State* L, const Task& task);
  void resume(lua_State* L, lua_State* co, int nargs, TaskThread* owner, const Task& task);
  void finish(lua_State* L, TaskThread* owner, const Task& task);

  Runtime& runtime_;
  TaskPool pool_;
  RingQueue<Task> ready_;
  struct PostedJob {
    Job job;
    TaskLabel label;
  };
  std::deque<PostedJob> jobs_;
  std::size_t queued_resumes_ = 0;
  std::size_t pass_budget_ = 0;
  lua_State* sleeping_yield_ = nullptr;
  std::atomic<lua_State*> running_{nullptr};
  std::uint64_t tasks_run_ = 0;
  bool debug_queue_ = false;
};

}  // namespace plua::runtime
