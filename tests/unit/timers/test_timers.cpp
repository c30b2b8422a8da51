// The timer core driven directly (tests/unit/support/core.hpp): a real uv
// loop and lua_State from a Runtime that is never run, time passed to
// collect_due() explicitly, passes run by hand. Order and counts only.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/core.hpp"

using plua::runtime::Task;
using plua::runtime::TaskRef;
using plua::runtime::TimerId;
using plua::runtime::Timers;
using plua::test::Core;

namespace {

// The ids of the Timer tasks in the ready queue, front to back.
std::vector<TimerId> queued_timers(const Core& c) {
  std::vector<TimerId> ids;
  c.scheduler.ready().for_each([&](const Task& t) {
    if (t.kind == Task::Kind::Timer) ids.push_back(t.timer.id);
  });
  return ids;
}

}  // namespace

TEST_CASE("timers are queued by deadline, equal deadlines in creation order") {
  Core c;
  const auto t0 = c.now();
  const TimerId late1 = c.add(t0, 20, "c");
  const TimerId early1 = c.add(t0, 0, "a");
  const TimerId early2 = c.add(t0, 0, "b");
  const TimerId late2 = c.add(t0, 20, "d");
  c.timers.collect_due(t0 + 5, c.scheduler);
  REQUIRE(queued_timers(c) == std::vector<TimerId>{early1, early2});
  c.timers.collect_due(t0 + 20, c.scheduler);
  REQUIRE(queued_timers(c) == std::vector<TimerId>{early1, early2, late1, late2});
  c.pass();
  REQUIRE(c.trace() == "abcd");
  REQUIRE(c.timers.pending_timeouts() == 0);
}

TEST_CASE("collect_due takes at most `limit` entries; the rest wait in the heap") {
  Core c;
  const auto t0 = c.now();
  for (int i = 0; i < 10; ++i) c.add(t0, 0, std::to_string(i));
  c.timers.collect_due(t0, c.scheduler, 4);
  REQUIRE(c.scheduler.queued() == 4);
  REQUIRE(c.timers.heap_entries() == 6);
  c.timers.collect_due(t0, c.scheduler);
  REQUIRE(c.scheduler.queued() == 10);
  c.pass();
  REQUIRE(c.trace() == "0123456789");
}

TEST_CASE("a timer cleared while queued never fires and leaves nothing stale") {
  Core c;
  const auto t0 = c.now();
  const TimerId a = c.add(t0, 0, "a");
  c.add(t0, 0, "b");
  c.timers.collect_due(t0, c.scheduler);
  REQUIRE(c.scheduler.queued() == 2);
  REQUIRE(c.timers.heap_entries() == 0);  // queued timers have no heap entry
  c.timers.clear(a);
  REQUIRE(c.timers.pending_timeouts() == 1);
  REQUIRE(c.timers.keepalive_count() == 1);
  REQUIRE(c.timers.heap_entries() == 0);
  c.pass();
  REQUIRE(c.trace() == "b");
  REQUIRE(c.timers.pending_timeouts() == 0);
  REQUIRE(c.timers.keepalive_count() == 0);
}

TEST_CASE("clearing an unknown or already-fired id does nothing") {
  Core c;
  const auto t0 = c.now();
  const TimerId a = c.add(t0, 0, "a");
  c.add(t0, 50, "b");
  c.timers.clear(0);
  c.timers.clear(a + 1000);
  REQUIRE(c.timers.pending_timeouts() == 2);
  c.timers.collect_due(t0, c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "a");
  c.timers.clear(a);  // fired already
  c.timers.clear(a);
  REQUIRE(c.timers.pending_timeouts() == 1);
  REQUIRE(c.timers.keepalive_count() == 1);
  c.timers.collect_due(t0 + 50, c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "ab");
}

TEST_CASE("a bulk clear compacts the heap; the others keep their order and counts") {
  Core c;
  const auto t0 = c.now();
  std::vector<TimerId> ids;
  // Delays out of order, so both the FIFO run and the binary heap hold entries.
  for (int i = 0; i < 3000; ++i) ids.push_back(c.add(t0, static_cast<std::uint64_t>((i * 7) % 11), "."));
  REQUIRE(c.timers.heap_entries() == 3000);
  std::string expected;
  for (int i = 0; i < 3000; ++i) {
    if (i % 3 != 0) c.timers.clear(ids[static_cast<std::size_t>(i)]);
  }
  // Once 1500 entries were stale, half the heap, they went in one pass; the
  // 500 cleared since wait for the next bulk clear or to surface.
  REQUIRE(c.timers.heap_entries() == 1500);
  REQUIRE(c.timers.pending_timeouts() == 1000);
  REQUIRE(c.timers.keepalive_count() == 1000);
  // The survivors still come out by (due, id).
  c.timers.collect_due(t0 + 11, c.scheduler);
  const std::vector<TimerId> order = queued_timers(c);
  REQUIRE(order.size() == 1000);
  std::vector<TimerId> sorted;
  for (std::uint64_t due = 0; due <= 10; ++due) {
    for (int i = 0; i < 3000; i += 3) {
      if (static_cast<std::uint64_t>((i * 7) % 11) == due) sorted.push_back(ids[static_cast<std::size_t>(i)]);
    }
  }
  REQUIRE(order == sorted);
  REQUIRE(c.timers.heap_entries() == 0);
  c.pass();
  REQUIRE(c.trace() == std::string(1000, '.'));
  REQUIRE(c.timers.pending_timeouts() == 0);
}

TEST_CASE("a few clears leave stale entries that are dropped as they surface") {
  Core c;
  const auto t0 = c.now();
  std::vector<TimerId> ids;
  for (int i = 0; i < 100; ++i) ids.push_back(c.add(t0, 5, "."));
  for (int i = 0; i < 50; ++i) c.timers.clear(ids[static_cast<std::size_t>(i)]);
  REQUIRE(c.timers.heap_entries() == 100);  // below the bulk threshold: no compaction
  REQUIRE(!c.timers.has_due(t0 + 4));
  REQUIRE(c.timers.has_due(t0 + 5));
  c.timers.collect_due(t0 + 5, c.scheduler);
  REQUIRE(c.scheduler.queued() == 50);
  REQUIRE(c.timers.heap_entries() == 0);
  c.pass();
  REQUIRE(c.trace() == std::string(50, '.'));
}

TEST_CASE("keep-alive counts follow _PY.unref / _PY.ref (set_keeps_alive)") {
  Core c;
  const auto t0 = c.now();
  const TimerId a = c.add(t0, 0, "a");
  const TimerId b = c.add(t0, 10, "b");
  REQUIRE(c.timers.keepalive_count() == 2);
  REQUIRE(c.timers.set_keeps_alive(a, false));
  REQUIRE(c.timers.keepalive_count() == 1);
  REQUIRE(c.timers.set_keeps_alive(a, false));  // idempotent
  REQUIRE(c.timers.keepalive_count() == 1);
  REQUIRE(c.timers.set_keeps_alive(a, true));
  REQUIRE(c.timers.keepalive_count() == 2);
  REQUIRE_FALSE(c.timers.set_keeps_alive(b + 1000, false));  // unknown id
  REQUIRE(c.timers.set_keeps_alive(a, false));
  // An unref'd timer still fires; it only stops keeping the process alive.
  c.timers.collect_due(t0, c.scheduler);
  REQUIRE(c.timers.set_keeps_alive(a, false));  // queued: still a timer
  c.pass();
  REQUIRE(c.trace() == "a");
  REQUIRE(c.timers.keepalive_count() == 1);
  REQUIRE(c.timers.pending_timeouts() == 1);
  REQUIRE_FALSE(c.timers.set_keeps_alive(a, true));  // fired: gone
  c.timers.collect_due(t0 + 10, c.scheduler);
  c.pass();
  REQUIRE(c.timers.keepalive_count() == 0);
}

TEST_CASE("an interval runs at a fixed rate: the next deadline counts from the one that fired") {
  Core c;
  const auto t0 = c.now();
  const TimerId id = c.add(t0, 10'000, "i", Timers::Kind::Interval);
  REQUIRE(c.timers.active_intervals() == 1);
  c.timers.collect_due(t0 + 10'003, c.scheduler);  // it ran 3 ms late
  c.pass();
  REQUIRE(c.trace() == "i");
  Timers::PendingTimer pending[1];
  REQUIRE(c.timers.fill_pending(pending, 1, c.now()) == 1);
  REQUIRE(pending[0].id == id);
  REQUIRE(pending[0].kind == Timers::Kind::Interval);
  REQUIRE(pending[0].due == t0 + 20'000);  // not t0 + 20'003
  REQUIRE(c.timers.active_intervals() == 1);
  c.timers.clear(id);
  REQUIRE(c.timers.active_intervals() == 0);
}

TEST_CASE("an interval that fell behind fires once, not once per missed period") {
  Core c;
  const auto now = c.now();
  REQUIRE(now >= 1000);
  const auto base = now - 1000;  // created 1 s ago with a 10 ms period
  c.add(base, 10, "i", Timers::Kind::Interval);
  c.timers.collect_due(now, c.scheduler);
  REQUIRE(c.scheduler.queued() == 1);
  c.pass();
  REQUIRE(c.trace() == "i");
  Timers::PendingTimer pending[1];
  REQUIRE(c.timers.fill_pending(pending, 1, c.now()) == 1);
  REQUIRE(pending[0].due >= now);  // as soon as possible, not base + 20
  const auto next = pending[0].due;
  c.timers.collect_due(next, c.scheduler);
  REQUIRE(c.scheduler.queued() == 1);
  c.pass();
  REQUIRE(c.trace() == "ii");
}

TEST_CASE("a timer's extra arguments reach its callback, nil holes included") {
  Core c;
  c.exec("setTimeout(function(a, b, c, ...) trace = tostring(a) .. tostring(b) .. tostring(c) .. select('#', ...) end, "
         "0, 1, nil, 3, nil)");
  c.timers.collect_due(c.now(), c.scheduler);
  c.pass();
  REQUIRE(c.trace() == "1nil31");
}

TEST_CASE("a sleeping task is woken in (due, id) order with the timers") {
  Core c;
  c.spawn("trace = trace .. 's1 '; _PY.sleep(1); trace = trace .. 's2 '");
  c.pass();
  REQUIRE(c.trace() == "s1 ");
  REQUIRE(c.timers.sleeping() == 1);
  REQUIRE(c.timers.keepalive_count() == 1);
  REQUIRE(c.timers.pending_timers() == 0);  // a wake-up is not a user timer
  const auto t = c.now();
  c.add(t, 500, "t ");
  c.add(t, 1500, "u ");
  c.timers.collect_due(t + 2000, c.scheduler);
  REQUIRE(c.timers.sleeping() == 0);
  REQUIRE(c.scheduler.queued_resumes() == 1);
  std::vector<Task::Kind> kinds;
  c.scheduler.ready().for_each([&](const Task& task) { kinds.push_back(task.kind); });
  REQUIRE(kinds == std::vector<Task::Kind>{Task::Kind::Timer, Task::Kind::Resume, Task::Kind::Timer});
  c.pass();
  REQUIRE(c.trace() == "s1 t s2 u ");
  REQUIRE(c.scheduler.queued_resumes() == 0);
  REQUIRE(c.timers.keepalive_count() == 0);
}

TEST_CASE("a script's own coroutine woken by _PY.sleep is resumed through the ref its wake-up owns") {
  Core c;
  c.exec("co = coroutine.create(function() trace = trace .. 'c1 '; _PY.sleep(0.001); trace = trace .. 'c2' end) "
         "assert(coroutine.resume(co))");
  REQUIRE(c.trace() == "c1 ");
  REQUIRE(c.timers.sleeping() == 1);
  c.timers.collect_due(c.now() + 10, c.scheduler);
  std::vector<Task::Kind> kinds;
  c.scheduler.ready().for_each([&](const Task& task) { kinds.push_back(task.kind); });
  REQUIRE(kinds == std::vector<Task::Kind>{Task::Kind::ResumeCoroutine});
  c.pass();
  REQUIRE(c.trace() == "c1 c2");
  c.exec("trace = coroutine.status(co)");
  REQUIRE(c.trace() == "dead");
  REQUIRE(c.scheduler.queued_resumes() == 0);
}

TEST_CASE("a wake-up for a task that has ended resumes nothing") {
  Core c;
  REQUIRE(c.timers.add_wake_task(c.now(), 0, TaskRef{12345, 0}));
  REQUIRE(c.timers.sleeping() == 1);
  c.timers.collect_due(c.now(), c.scheduler);
  const auto before = c.scheduler.tasks_run();
  c.pass();
  REQUIRE(c.scheduler.tasks_run() == before);
  REQUIRE(c.scheduler.queued_resumes() == 0);
  REQUIRE(c.timers.keepalive_count() == 0);
}

TEST_CASE("fill_pending lists user timers by (due, id); queued ones are due now") {
  Core c;
  const auto t0 = c.now();
  const TimerId a = c.add(t0, 30, "a");
  const TimerId b = c.add(t0, 10, "b");
  const TimerId i = c.add(t0, 10, "i", Timers::Kind::Interval);
  const TimerId d = c.add(t0, 20, "d");
  REQUIRE(c.timers.add_wake_task(t0, 5, TaskRef{12345, 0}));  // not a user timer
  c.timers.collect_due(t0 + 10, c.scheduler);  // the wake-up, b and i are queued
  REQUIRE(c.timers.pending_timers() == 4);
  std::vector<Timers::PendingTimer> out(c.timers.pending_timers());
  REQUIRE(c.timers.fill_pending(out.data(), out.size(), t0 + 10) == 4);
  std::vector<TimerId> ids;
  std::vector<std::uint64_t> dues;
  for (const auto& p : out) {
    ids.push_back(p.id);
    dues.push_back(p.due - t0);
  }
  REQUIRE(ids == std::vector<TimerId>{b, i, d, a});
  REQUIRE(dues == std::vector<std::uint64_t>{10, 10, 20, 30});
  REQUIRE(out[1].kind == Timers::Kind::Interval);
  REQUIRE(out[0].kind == Timers::Kind::Timeout);
}
