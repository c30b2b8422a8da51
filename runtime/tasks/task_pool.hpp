#pragma once
// Pooled coroutines that tasks run in. A thread that finished its task
// cleanly goes back to the pool with an empty stack, so the hot path
// (timer fire -> run callback) creates no coroutine in steady state.

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
  int ref = LUA_NOREF;       // anchors the thread in the registry
  std::size_t slot = 0;      // index in TaskPool::all_
  TaskLabel label{};         // what it runs now
  // Bumped each time the thread goes back to the pool, so that a stale
  // wake-up for its previous task can never resume its next one.
  std::uint32_t generation = 0;
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

  // A clean thread for a new task. May raise a Lua memory error or throw
  // std::bad_alloc: call from protected code.
  TaskThread& acquire(lua_State* L);
  // Returns a thread whose task ended (cleanly or not).
  void release(lua_State* L, TaskThread& t);

  std::size_t idle() const { return idle_.size(); }
  std::size_t total() const { return all_.size(); }
  std::size_t created() const { return created_; }

 private:
  void destroy(lua_State* L, TaskThread& t);

  ThreadContext& main_context_;
  std::vector<std::unique_ptr<TaskThread>> all_;
  std::vector<TaskThread*> idle_;
  std::size_t created_ = 0;
};

}  // namespace plua::runtime
