#include <catch2/catch.hpp>

#include <vector>

#include "lua/state.hpp"
#include "tasks/task_pool.hpp"

using plua::runtime::context_of;
using plua::runtime::set_context;
using plua::runtime::TaskPool;
using plua::runtime::TaskRef;
using plua::runtime::TaskThread;
using plua::runtime::ThreadContext;

namespace {

struct Fixture {
  plua::lua::StatePtr state{luaL_newstate()};
  lua_State* L = state.get();
  ThreadContext main_context{};
  TaskPool pool{main_context};
  Fixture() {
    luaL_openlibs(L);
    set_context(L, &main_context);
  }
};

}  // namespace

TEST_CASE("a released thread is reused for a new task; a ref to the old task finds nothing") {
  Fixture f;
  TaskThread& a = f.pool.acquire(f.L);
  REQUIRE(context_of(a.thread)->task == &a);
  lua_State* thread = a.thread;
  const TaskRef first = TaskPool::ref_of(a);
  REQUIRE(f.pool.find(first) == &a);
  f.pool.release(f.L, a);
  REQUIRE(f.pool.find(first) == nullptr);
  TaskThread& b = f.pool.acquire(f.L);
  REQUIRE(b.thread == thread);
  REQUIRE(b.slot == first.slot);
  REQUIRE(b.serial != first.serial);
  REQUIRE(f.pool.find(first) == nullptr);
  REQUIRE(f.pool.find(TaskPool::ref_of(b)) == &b);
  REQUIRE(f.pool.created() == 1);
  f.pool.release(f.L, b);
}

TEST_CASE("a destroyed thread's slot is reused; refs to its tasks still find nothing") {
  Fixture f;
  std::vector<TaskThread*> busy;
  std::vector<TaskRef> refs;
  for (std::size_t i = 0; i < TaskPool::kMaxIdle + 10; ++i) {
    busy.push_back(&f.pool.acquire(f.L));
    refs.push_back(TaskPool::ref_of(*busy.back()));
  }
  // Slots stay put while threads come and go: a busy thread keeps its ref.
  for (std::size_t i = 0; i < busy.size(); i += 2) f.pool.release(f.L, *busy[i]);
  for (std::size_t i = 1; i < busy.size(); i += 2) REQUIRE(f.pool.find(refs[i]) == busy[i]);
  for (std::size_t i = 1; i < busy.size(); i += 2) f.pool.release(f.L, *busy[i]);
  for (const TaskRef& ref : refs) REQUIRE(f.pool.find(ref) == nullptr);
  // New threads fill the freed slots under new serials.
  std::vector<TaskThread*> again;
  for (std::size_t i = 0; i < TaskPool::kMaxIdle + 10; ++i) again.push_back(&f.pool.acquire(f.L));
  for (const TaskRef& ref : refs) REQUIRE(f.pool.find(ref) == nullptr);
  for (TaskThread* t : again) REQUIRE(t->slot < TaskPool::kMaxIdle + 10);
  for (TaskThread* t : again) f.pool.release(f.L, *t);
}

TEST_CASE("a thread that died with an error is reset and reusable") {
  Fixture f;
  TaskThread& t = f.pool.acquire(f.L);
  luaL_loadstring(t.thread, "error('boom')");
  int nres = 0;
  REQUIRE(lua_resume(t.thread, f.L, 0, &nres) == LUA_ERRRUN);
  f.pool.release(f.L, t);
  TaskThread& again = f.pool.acquire(f.L);
  REQUIRE(lua_status(again.thread) == LUA_OK);
  REQUIRE(lua_gettop(again.thread) == 0);
  luaL_loadstring(again.thread, "return 1 + 1");
  REQUIRE(lua_resume(again.thread, f.L, 0, &nres) == LUA_OK);
  REQUIRE(lua_tointeger(again.thread, -1) == 2);
  f.pool.release(f.L, again);
}

TEST_CASE("the pool keeps at most kMaxIdle idle threads") {
  Fixture f;
  std::vector<TaskThread*> busy;
  for (std::size_t i = 0; i < TaskPool::kMaxIdle + 50; ++i) busy.push_back(&f.pool.acquire(f.L));
  REQUIRE(f.pool.total() == TaskPool::kMaxIdle + 50);
  for (TaskThread* t : busy) f.pool.release(f.L, *t);
  REQUIRE(f.pool.idle() == TaskPool::kMaxIdle);
  REQUIRE(f.pool.total() == TaskPool::kMaxIdle);
}
