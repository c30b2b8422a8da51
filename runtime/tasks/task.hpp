#pragma once
// The plain records that flow through the ready queue (how they get there:
// timers/timers.hpp). Every one is trivially copyable and owns nothing with
// a destructor, so the queue moves them without allocating and a Lua error
// (a longjmp) may cross any frame that holds one.

#include <lua.hpp>

#include <cstdint>
#include <type_traits>

namespace plua::runtime {

using TimerId = std::uint64_t;

// Where something was created: an index into SourceNames and a line.
struct Origin {
  std::uint32_t source = 0;  // 0: unknown
  std::uint32_t line = 0;
};

// What a task thread is running, for error reports and introspection.
struct TaskLabel {
  // Input: a chunk a front end entered (its errors do not fail the run).
  enum class Kind : std::uint8_t { Main, Timeout, Interval, Coroutine, Input, Callback };
  Kind kind = Kind::Main;
  TimerId timer = 0;
  Origin origin{};
  // Callback and Input: what runs, e.g. "net.HTTPClient success callback"
  // or a front end's label for what it entered (static text).
  const char* what = nullptr;
};

// One task run by a pooled thread (see TaskPool): the pool slot the thread
// lives in and the serial of the task. Serials are never reused, so a
// TaskRef to a task that has ended finds nothing, even when its thread (or
// its slot) runs another task by now.
struct TaskRef {
  std::uint64_t serial = 0;  // 0: no task
  std::uint32_t slot = 0;
};

// Work a libuv callback hands to Lua, as plain data (Neovim's Event): a
// function pointer and what it needs. Nothing here has a destructor, so a
// job can sit in the queue, and run in code that may raise, without
// anything to clean up.
//
// run(L, ctx, arg) runs later, in queue order, on L (a running task
// thread with LUA_MINSTACK free slots). It pushes a function and its
// arguments and returns how many arguments; or it pushes nothing and
// returns -1 when there is nothing to run (the request was dropped
// meanwhile). The function then runs as a task labelled `label`. run may
// raise (a memory error while pushing): that ends this task only, and is
// reported under `label`.
struct Job {
  int (*run)(lua_State* L, void* ctx, std::uint64_t arg) = nullptr;
  void* ctx = nullptr;
  std::uint64_t arg = 0;
  TaskLabel label{};
};

// An entry of the ready queue. The kind says which member is meaningful.
struct Task {
  enum class Kind : std::uint8_t {
    Timer,            // fire the timer record `timer.id` for its deadline `timer.due`
    Resume,           // resume the pooled task `task` (woken, started or yielded), if it still runs
    ResumeCoroutine,  // resume a script's own coroutine woken by _PY.sleep: this entry owns
                      // `coroutine_ref`, the registry ref that keeps it alive
    Job,              // run the posted job `job`
  };
  struct Fire {
    TimerId id;
    std::uint64_t due;  // the deadline it fired for (an interval's next one counts from it)
  };

  Kind kind = Kind::Timer;
  union {
    Fire timer;
    TaskRef task;
    int coroutine_ref;
    Job job;
  };

  Task() noexcept : timer{} {}

  static Task fire(TimerId id, std::uint64_t due) {
    Task t;
    t.kind = Kind::Timer;
    t.timer = Fire{id, due};
    return t;
  }
  static Task resume(TaskRef task) {
    Task t;
    t.kind = Kind::Resume;
    t.task = task;
    return t;
  }
  static Task resume_coroutine(int coroutine_ref) {
    Task t;
    t.kind = Kind::ResumeCoroutine;
    t.coroutine_ref = coroutine_ref;
    return t;
  }
  static Task posted(const Job& job) {
    Task t;
    t.kind = Kind::Job;
    t.job = job;
    return t;
  }
};
static_assert(std::is_trivially_copyable_v<Task>);
static_assert(std::is_trivially_destructible_v<Task>);

}  // namespace plua::runtime
