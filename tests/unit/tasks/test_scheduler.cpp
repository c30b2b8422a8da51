// The scheduler driven directly (tests/unit/support/core.hpp): tasks of
// every kind in one ready queue, passes run by hand, what ran observed in
// the global `trace`. Order and counts only.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/core.hpp"

using plua::runtime::Job;
using plua::runtime::Task;
using plua::runtime::TaskLabel;
using plua::runtime::TimerId;
using plua::runtime::Timers;
using plua::test::Core;

namespace {

// A job that runs `code` (a static string: ctx) as its task.
int run_code(lua_State* L, void* ctx, std::uint64_t) {
  if (luaL_loadstring(L, static_cast<const char*>(ctx)) != LUA_OK) lua_error(L);
  return 0;
}

// A job with nothing to run: counts its calls in *ctx.
int nothing_to_run(lua_State*, void* ctx, std::uint64_t) {
  ++*static_cast<int*>(ctx);
  return -1;
}

Job job(const char* code) {
  return Job{&run_code, const_cast<char*>(code), 0, TaskLabel{TaskLabel::Kind::Callback, 0, {}, "test job"}};
}

TimerId add_code(Core& c, std::uint64_t at, std::uint64_t delay, const char* code,
                 Timers::Kind kind = Timers::Kind::Timeout) {
  c.timers.push_callbacks(c.L);
  REQUIRE(luaL_loadstring(c.L, code) == LUA_OK);
  const int slot = c.timers.take_slot();
  lua_rawseti(c.L, -2, slot);
  lua_pop(c.L, 1);
  return c.timers.add(kind, at, delay, slot, false, {});
}

std::vector<Task::Kind> kinds(const Core& c) {
  std::vector<Task::Kind> out;
  c.scheduler.ready().for_each([&](const Task& t) { out.push_back(t.kind); });
  return out;
}

}  // namespace

TEST_CASE("one FIFO for timers, posted jobs and resumes") {
  Core c;
  c.scheduler.post(job("trace = trace .. 'j1 '"));
  c.add(c.now(), 0, "t1 ");
  c.timers.collect_due(c.now(), c.scheduler);
  c.spawn("trace = trace .. 's1 '");
  c.scheduler.post(job("trace = trace .. 'j2 '"));
  REQUIRE(kinds(c) ==
          std::vector<Task::Kind>{Task::Kind::Job, Task::Kind::Timer, Task::Kind::Resume, Task::Kind::Job});
  REQUIRE(c.scheduler.posted() == 2);
  REQUIRE(c.scheduler.queued_resumes() == 1);
  c.pass();
  REQUIRE(c.trace() == "j1 t1 s1 j2 ");
  REQUIRE(c.scheduler.posted() == 0);
  REQUIRE(c.scheduler.queued_resumes() == 0);
  REQUIRE(!c.scheduler.has_ready());
}

TEST_CASE("a pass runs what was queued when it started; the rest waits for the next") {
  Core c;
  c.scheduler.post(job("trace = trace .. 'a '; setTimeout(function() trace = trace .. 'c ' end, 0)"));
  c.spawn("trace = trace .. 'b '; coroutine.yield(); trace = trace .. 'd '");
  c.pass();
  REQUIRE(c.trace() == "a b ");  // the yield requeued b behind the timer, which was due
  c.pass();
  REQUIRE(c.trace() == "a b c d ");
}

TEST_CASE("a posted job whose run returns -1 runs nothing") {
  Core c;
  int calls = 0;
  c.scheduler.post(Job{&nothing_to_run, &calls, 7, TaskLabel{TaskLabel::Kind::Callback, 0, {}, "dropped"}});
  c.scheduler.post(job("trace = trace .. 'after'"));
  REQUIRE(c.scheduler.posted() == 2);
  const auto before = c.scheduler.tasks_run();
  c.pass();
  REQUIRE(calls == 1);
  REQUIRE(c.trace() == "after");
  REQUIRE(c.scheduler.tasks_run() == before + 1);
  REQUIRE(c.scheduler.posted() == 0);
}

TEST_CASE("an error in a task does not stop the pass; an erroring interval is cleared") {
  Core c;
  const auto t0 = c.now();
  add_code(c, t0, 0, "error('timer failed')");
  c.add(t0, 0, "b");
  c.scheduler.post(job("error('job failed')"));
  add_code(c, t0, 1, "error('interval failed')", Timers::Kind::Interval);
  c.add(t0, 0, "c");
  c.timers.collect_due(t0 + 1, c.scheduler);
  c.spawn("error('task failed')");
  c.spawn("trace = trace .. 'd'");
  const auto before = c.scheduler.tasks_run();
  c.pass();
  REQUIRE(c.trace() == "bcd");
  REQUIRE(c.scheduler.tasks_run() == before + 7);
  REQUIRE(c.timers.active_intervals() == 0);
  REQUIRE(c.timers.pending_timers() == 0);
}

TEST_CASE("a bare yield requeues the task behind the timers due by then") {
  Core c;
  c.spawn("trace = trace .. '1'; coroutine.yield(); trace = trace .. '2'; coroutine.yield(); trace = trace .. '3'");
  c.add(c.now(), 0, "t");  // due, but not queued yet
  c.pass();
  REQUIRE(c.trace() == "1");
  REQUIRE(kinds(c) == std::vector<Task::Kind>{Task::Kind::Timer, Task::Kind::Resume});
  c.pass();
  REQUIRE(c.trace() == "1t2");
  c.pass();
  REQUIRE(c.trace() == "1t23");
  REQUIRE(!c.scheduler.has_ready());
}

TEST_CASE("callbacks run one after another in one coroutine; one that yields keeps it") {
  Core c;
  const auto t0 = c.now();
  for (int i = 0; i < 100; ++i) c.add(t0, 0, ".");
  c.timers.collect_due(t0, c.scheduler);
  const auto created = c.scheduler.pool().created();
  c.pass();
  REQUIRE(c.trace() == std::string(100, '.'));
  REQUIRE(c.scheduler.pool().created() - created <= 1);  // one runner for the lot

  c.exec("trace = ''");
  add_code(c, t0, 0, "trace = trace .. 'a1 '; coroutine.yield(); trace = trace .. 'a2 '");
  c.add(t0, 0, "b ");
  c.timers.collect_due(t0, c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "a1 b ");  // b ran in another coroutine of the same pass
  REQUIRE(kinds(c) == std::vector<Task::Kind>{Task::Kind::Resume});
  c.pass();
  REQUIRE(c.trace() == "a1 b a2 ");
  REQUIRE(!c.scheduler.has_ready());
}

TEST_CASE("a sleeping callback wakes as its own task; its coroutine is reused after") {
  Core c;
  const auto t0 = c.now();
  add_code(c, t0, 0, "trace = trace .. 'a1 '; _PY.sleep(0.01); trace = trace .. 'a2 '");
  c.add(t0, 0, "b ");
  c.timers.collect_due(t0, c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "a1 b ");
  REQUIRE(c.timers.sleeping() == 1);
  c.timers.collect_due(c.now() + 10, c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "a1 b a2 ");
  REQUIRE(c.timers.sleeping() == 0);
  REQUIRE(c.scheduler.pool().idle() == c.scheduler.pool().total());
}
