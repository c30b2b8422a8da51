#include "tasks/task_pool.hpp"

namespace plua::runtime {

TaskThread& TaskPool::acquire(lua_State* L) {
  if (!idle_.empty()) {
    TaskThread* t = idle_.back();
    idle_.pop_back();
    return *t;
  }
  idle_.reserve(all_.size() + 1);  // release() must not allocate
  auto owned = std::make_unique<TaskThread>();
  TaskThread& t = *owned;
  t.context = ThreadContext{main_context_.runtime, &t};
  t.slot = all_.size();
  all_.push_back(std::move(owned));
  t.thread = lua_newthread(L);
  t.ref = luaL_ref(L, LUA_REGISTRYINDEX);
  set_context(t.thread, &t.context);
  ++created_;
  return t;
}

void TaskPool::release(lua_State* L, TaskThread& t) {
  if (lua_status(t.thread) != LUA_OK) {
    // A thread that died with an error keeps its stack; reset it for reuse.
    lua_resetthread(t.thread);
  }
  lua_settop(t.thread, 0);
  t.label = TaskLabel{};
  ++t.generation;
  if (idle_.size() >= kMaxIdle) {
    destroy(L, t);
    return;
  }
  idle_.push_back(&t);
}

void TaskPool::destroy(lua_State* L, TaskThread& t) {
  // A script may still hold the thread (coroutine.running()); it is dead
  // and empty, and now carries the main context so nothing dangles.
  set_context(t.thread, &main_context_);
  luaL_unref(L, LUA_REGISTRYINDEX, t.ref);
  const std::size_t slot = t.slot;
  if (slot + 1 != all_.size()) {
    all_[slot] = std::move(all_.back());
    all_[slot]->slot = slot;
  }
  all_.pop_back();
}

}  // namespace plua::runtime
