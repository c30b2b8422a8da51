#include <catch2/catch.hpp>

#include "lua/state.hpp"
#include "tasks/task_pool.hpp"

using plua::runtime::context_of;
using plua::runtime::set_context;
using plua::runtime::TaskPool;
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

TEST_CASE("a released thread is reused, with a new generation") {
  Fixture f;
  TaskThread& a = f.pool.acquire(f.L);
  REQUIRE(context_of(a.thread)->task == &a);
  lua_State* thread = a.thread;
  const auto generation = a.generation;
  f.pool.release(f.L, a);
  TaskThread& b = f.pool.acquire(f.L);
  REQUIRE(b.thread == thread);
  REQUIRE(b.generation == generation + 1);
  REQUIRE(f.pool.created() == 1);
  f.pool.release(f.L, b);
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
