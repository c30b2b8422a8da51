#pragma once
// Plain records that flow through the ready queue. Trivially copyable so
// the queue moves them without allocating.

#include <cstdint>

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

struct Task {
  // Job: the next entry of the scheduler's posted jobs (same FIFO order).
  enum class Kind : std::uint8_t { Timer, Resume, Job };
  Kind kind;
  // Resume: whether thread_ref belongs to this task (a script's own
  // coroutine woken by _PY.sleep) rather than to the task pool.
  bool owns_ref;
  // Resume: registry ref of the thread to resume.
  int thread_ref;
  // Timer: the record to fire and the deadline it fired for.
  // Resume of a pooled thread: `due` holds the thread's generation.
  TimerId timer;
  std::uint64_t due;
};

}  // namespace plua::runtime
