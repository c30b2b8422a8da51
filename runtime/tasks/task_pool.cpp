#include "tasks/task_pool.hpp"

#include <algorithm>
#include <new>

namespace plua::runtime {

namespace {

// Room for at least `n`, growing geometrically: reserve(n) alone would
// copy the vector on every new thread (quadratic in a burst of tasks).
template <typename V>
void make_room(V& v, std::size_t n) {
  if (v.capacity() < n) v.reserve(std::max(n, 2 * v.capacity()));
}

}  // namespace

TaskThread& TaskPool::acquire(lua_State* L) {
  TaskThread* t = nullptr;
  if (!idle_.empty()) {
    t = idle_.back();
    idle_.pop_back();
  } else {
    t = &create(L);
  }
  t->serial = next_serial_++;
  return *t;
}

TaskThread& TaskPool::create(lua_State* L) {
  // The Lua half first: lua_newthread and luaL_ref may raise, and no C++
  // object exists yet (if luaL_ref raises, the new thread is garbage).
  lua_State* thread = lua_newthread(L);
  const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  // Then the C++ half, which may throw std::bad_alloc but never raises:
  // on failure the ref is let go and nothing stays in the pool.
  try {
    // release() and destroy() must not allocate.
    make_room(idle_, total() + 1);
    make_room(free_slots_, slots_.size() + 1);
    auto owned = std::make_unique<TaskThread>();
    std::uint32_t slot = 0;
    if (free_slots_.empty()) {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(std::move(owned));
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot] = std::move(owned);
    }
    TaskThread& t = *slots_[slot];
    t.thread = thread;
    t.ref = ref;
    t.slot = slot;
    t.context = ThreadContext{main_context_.runtime, &t};
    set_context(thread, &t.context);
    ++created_;
    return t;
  } catch (const std::bad_alloc&) {
    luaL_unref(L, LUA_REGISTRYINDEX, ref);
    throw;
  }
}

void TaskPool::release(lua_State* L, TaskThread& t) {
  if (lua_status(t.thread) != LUA_OK) {
    // A thread that died with an error keeps its stack; reset it for reuse.
    lua_resetthread(t.thread);
  }
  lua_settop(t.thread, 0);
  t.label = TaskLabel{};
  t.serial = 0;
  t.runner = false;
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
  const std::uint32_t slot = t.slot;
  free_slots_.push_back(slot);  // room reserved by create()
  slots_[slot].reset();
}

}  // namespace plua::runtime
