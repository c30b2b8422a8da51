#pragma once
// Pooled coroutines that tasks run in (how they are used: timers/timers.hpp).
// A thread that finished its task goes back to the pool with an empty
// stack, so the hot path (timer fire -> run callback) creates no coroutine
// in steady state.

#include <lua.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "tasks/task.hpp"
#include "tasks/thread_context.hpp"

namespace plua::runtime {

struct TaskThread {
  ThreadContext context;
  lua_State* thread = nullptr;
  int ref = LUA_NOREF;       // the pool's registry ref: anchors the thread
  std::uint32_t slot = 0;    // index in TaskPool::slots_, fixed for the thread's life
  std::uint64_t serial = 0;  // the task it runs now (0 while idle): see TaskRef
  TaskLabel label{};         // what it runs now
  // Its base function is the scheduler's runner (it runs callbacks one
  // after another): error tracebacks leave that frame out.
  bool runner = false;
};

class TaskPool {
 public:
  // Idle threads kept for reuse; a burst beyond this is returned to the GC.
  static constexpr std::size_t kMaxIdle = 256;

  // Threads get contexts naming main_context.runtime; a thread leaving the
  // pool for good gets main_context back.
  explicit TaskPool(ThreadContext& main_context) : main_context_(main_context) {}
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // A clean thread for a new task, with a new serial. Creating one may
  // raise a Lua memory error or throw std::bad_alloc (then nothing is left
  // half-made): call from protected code.
  TaskThread& acquire(lua_State* L);
  // Returns a thread whose task ended (cleanly or not). Never allocates.
  void release(lua_State* L, TaskThread& t);

  // The thread still running the task `ref` names, or nullptr once that
  // task has ended.
  TaskThread* find(TaskRef ref) const {
    if (ref.slot >= slots_.size()) return nullptr;
    TaskThread* t = slots_[ref.slot].get();
    return t != nullptr && t->serial == ref.serial && ref.serial != 0 ? t : nullptr;
  }
  static TaskRef ref_of(const TaskThread& t) { return TaskRef{t.serial, t.slot}; }

  std::size_t idle() const { return idle_.size(); }
  std::size_t total() const { return slots_.size() - free_slots_.size(); }
  std::size_t created() const { return created_; }

 private:
  TaskThread& create(lua_State* L);
  void destroy(lua_State* L, TaskThread& t);

  ThreadContext& main_context_;
  // By slot; nullptr for a free slot (listed in free_slots_). A thread
  // keeps its slot until it is destroyed, so TaskRefs never move.
  std::vector<std::unique_ptr<TaskThread>> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<TaskThread*> idle_;
  std::uint64_t next_serial_ = 1;
  std::size_t created_ = 0;
};

}  // namespace plua::runtime
