#pragma once
// HOW and WHY the timer core works the way it does.
//
// Everything that runs Lua after boot is a *task* on one FIFO, the ready
// queue (tasks/scheduler.hpp): timer callbacks, sleepers waking up, tasks
// that yielded, callbacks of I/O (posted jobs). Timers never call Lua; they
// only decide *when* a task joins the queue. So Lua never runs inside a
// libuv callback, and everything runs in the order of one queue.
//
// The life of setTimeout(fn, 10):
//
//   setTimeout(fn, 10)                          timer_api.cpp: checks, then plain values
//     | fn -> callbacks[slot]                    a Lua table, one slot per timer
//     | Timer{slot, ...} -> timer_records_[id]   IdPages: records by id
//     | (now + 10, id) -> heap_                  TimerHeap: FIFO run + binary heap
//     v
//   Runtime::run_loop: arm() starts the one uv timer for the earliest
//   deadline; uv_run blocks until then (or until I/O)
//     v
//   collect_due(now): pops the due entries in (due, id) order, marks each
//   record kQueued and queues Task{Timer, id, due}; at most a slice per
//   loop iteration, so a flood waits in the heap, not in the queue
//     v
//   Scheduler::run_pass: runs the tasks that were queued when it started
//   (later ones wait for the next pass). Consecutive Timer (and Job) tasks
//   run in one pooled coroutine, the runner, one lua_callk each instead of
//   one lua_resume each:
//     begin_fire(id): pushes callbacks[slot] (and its arguments); a timeout
//     ends here (slot freed, record erased), an interval is rescheduled
//     v
//   fn runs. If it yields (_PY.sleep, a bare coroutine.yield), the runner's
//   coroutine becomes fn's own task and the pass goes on in another one; a
//   bare yield puts that task at the back of the queue, behind the timers
//   due by then. If fn raises, the error is reported under its label (the
//   runner's own frame left out of the traceback) and the pass goes on.
//
// Why each piece:
// * The callbacks table: a callback is a Lua value, so the GC must see
//   it. A slot of one table (an int in the record; the free slots are a
//   C++ list) costs less than a luaL_ref, and setTimeout writes it through
//   an upvalue. A timer with extra arguments stores {n, fn, arg1, ..., argn}.
// * IdPages (id_pages.hpp): ids grow with creation, so records live in
//   pages of 1024 consecutive ids, filled in order: a flood of timers
//   touches memory once and in sequence, and a lookup is a page plus an
//   offset. A page is freed when its last record goes.
// * TimerHeap (timer_heap.hpp): ordered by (due, id), so equal deadlines
//   fire in creation order (libuv's timer_less_than does the same). Keys
//   pushed in ascending order (any burst of timers with one delay) go to a
//   FIFO run, O(1) each, as Node keeps one list per duration; the rest
//   use a binary heap. The run stores spans (due, first id, count), so a
//   burst made in one loop iteration is one entry.
// * One uv timer for all of them (as Node's ScheduleTimer): libuv's cost
//   per handle is paid once, not per timer.
// * Pooled coroutines (tasks/task_pool.hpp) and a ring of plain Task
//   records: the hot path allocates nothing in steady state.
// * SourceNames::caller_of records where each timer was created (for
//   errors, _PY.pending and the stop summary), cached per calling function.
//
// Clearing is lazy. clearTimeout erases the record and leaves its heap
// entry behind, *stale*: collect_due(), has_due() and arm() drop stale
// entries when they reach the top. When a bulk clear leaves at least 1024
// stale entries and they are half the heap, maybe_compact() drops them all
// in one pass, so the heap does not stay at its peak size.
//
// Invariants (kept by insert, clear, collect_due and begin_fire):
// * A timer record without kQueued has exactly one heap entry.
// * A kQueued record has none: its Task in the ready queue stands in for
//   it. Clearing it then leaves nothing stale, and begin_fire, finding no
//   record, skips the task.
// * A wake-up record has exactly one heap entry; collect_due erases it
//   when it queues the resume.
// * stale_ is the number of heap entries whose id has no record at all.
//
// Intervals run at a fixed rate: the next deadline is the one that fired
// plus the period, so ticks do not drift; if the loop fell behind, the
// next deadline is now, so it fires once instead of in a burst. begin_fire
// reschedules before the callback runs (so clearInterval inside it just
// leaves a stale entry), and the interval keeps its id, so its ticks keep
// their place among equal deadlines. An interval whose callback raises is
// cleared (PLua behaviour).
//
// Wake-ups: _PY.sleep(s) files a Wake record under a new id in the same
// heap, so sleepers and timers interleave by (due, id). A pooled task is
// named by its TaskRef (pool slot and task serial): the pool anchors the
// thread, and a TaskRef to a task that has ended finds nothing. A script's
// own coroutine has no other anchor, so its wake-up owns a registry ref;
// the ref moves into the Task{ResumeCoroutine} when it is queued and is
// released when that resume ends. _PY.sleep tells the scheduler before it
// yields (note_sleep), so that its yield is not taken for a bare one.
//
// Time: every deadline is in the run's loop time, Clock::now_ms()
// (timers/clock.hpp). On a virtual clock (--speed) nothing here changes:
// the loop stops arming the libuv timer and, when nothing is ready and no
// request is in flight, moves the clock to next_due() instead of waiting.
//
// What keeps the process alive: timers with kKeepsAlive (every timer until
// _PY.unref), wake-ups (keepalive_count() counts both), and queued resumes,
// posted jobs and requests in flight (counted by the Scheduler and the
// Runtime). A timer of math.huge never fires but keeps the process alive.

#include <lua.hpp>
#include <uv.h>

#include <cstdint>
#include <vector>

#include "tasks/task.hpp"
#include "timers/id_pages.hpp"
#include "timers/timer_heap.hpp"
#include "uv/handle.hpp"

namespace plua::runtime {

class Scheduler;

class Timers {
 public:
  static constexpr std::uint64_t kNever = UINT64_MAX;

  enum class Kind : std::uint8_t { Timeout, Interval };

  // begin_fire() results other than an argument count.
  static constexpr int kCleared = -1;
  static constexpr int kNoMemory = -2;

  // L: the main thread, for releasing callbacks outside a call.
  Timers(uv_loop_t* loop, lua_State* L);
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  // The callbacks table (see above). Call once at boot with the table on
  // top of L's stack (it stays there).
  void set_callbacks(lua_State* L);
  void push_callbacks(lua_State* L) const { lua_rawgeti(L, LUA_REGISTRYINDEX, callbacks_ref_); }
  // A free slot (>= 1) to store one callback in before add(); 0 if memory
  // ran out.
  int take_slot() noexcept;

  // Adds a timer due `delay_ms` after `now` whose callback slot is handed
  // over: it holds the function, or with `with_args` {n, fn, arg1, ...}.
  // Returns its id, or 0 if memory ran out (the slot is freed then).
  // Inline: setTimeout calls it once per timer.
  TimerId add(Kind kind, std::uint64_t now, std::uint64_t delay_ms, int callback_slot, bool with_args,
              Origin origin) noexcept {
    const std::uint32_t interval =
        kind == Kind::Interval ? static_cast<std::uint32_t>(delay_ms < UINT32_MAX ? delay_ms : UINT32_MAX) : 0;
    const auto flags = static_cast<std::uint8_t>(kKeepsAlive | (with_args ? kHasArgs : 0));
    if (!push_entry(deadline(now, delay_ms))) {
      release_slot(callback_slot);
      return 0;
    }
    const TimerId id = next_id_++;  // never reused, even if the record cannot be filed
    const Timer t{callback_slot, interval, origin, kind, flags};
    try {
      timer_records_.insert(id, t);
    } catch (...) {  // std::bad_alloc
      ++stale_;      // the entry stays behind
      release_slot(callback_slot);
      return 0;
    }
    count(t, +1);
    return id;
  }
  // Wake-ups for _PY.sleep: the pooled task `task`, or a script's
  // coroutine whose registry ref is handed over (released if memory ran
  // out). Return false if memory ran out.
  bool add_wake_task(std::uint64_t now, std::uint64_t delay_ms, TaskRef task) noexcept;
  bool add_wake_coroutine(std::uint64_t now, std::uint64_t delay_ms, int coroutine_ref) noexcept;

  // clearTimeout/clearInterval: idempotent, unknown ids ignored.
  void clear(TimerId id);
  // _PY.unref / _PY.ref: whether the timer keeps the process alive.
  bool set_keeps_alive(TimerId id, bool keeps_alive);

  // Queues what is due at `now`, in (due, id) order, at most `limit`
  // entries. May throw std::bad_alloc (the ready queue grows); what was not
  // queued then stays in the heap.
  void collect_due(std::uint64_t now, Scheduler& scheduler, std::size_t limit = SIZE_MAX);
  bool has_due(std::uint64_t now);

  // For a Timer task, on R (a running coroutine) with the callbacks table
  // at index `callbacks`: pushes the callback and its arguments and returns
  // how many arguments; a timeout ends, an interval is rescheduled from
  // fire.due. Returns kCleared (nothing pushed) if the timer was cleared
  // meanwhile, kNoMemory (nothing pushed, the timer ended) if memory ran
  // out. Raises nothing: the caller decides where an error goes.
  int begin_fire(lua_State* R, int callbacks, const Task::Fire& fire, std::uint64_t now, TaskLabel& label) noexcept;

  // Arms the libuv timer for the earliest live deadline (or stops it).
  void arm(std::uint64_t now);
  // Stops the libuv timer (the clock turned virtual: deadlines are not real times).
  void disarm();
  // The earliest live deadline, kNever if there is none.
  std::uint64_t next_due();

  // Counts for termination and _PY.stats().
  std::size_t keepalive_count() const { return keepalive_ + wakes_; }
  std::size_t pending_timeouts() const { return timeouts_; }
  std::size_t active_intervals() const { return intervals_; }
  std::size_t sleeping() const { return wakes_; }
  // Heap entries, stale ones included: what compaction bounds (for tests).
  std::size_t heap_entries() const { return heap_.size(); }

  // Live user timers with their deadlines, sorted by (due, id); a timer
  // already in the ready queue is due `now`.
  struct PendingTimer {
    TimerId id;
    Kind kind;
    std::uint64_t due;
    Origin origin;
  };
  // Fills `out` (room for pending_timers() entries) without allocating, so
  // a lua_CFunction can use a Lua-owned buffer. Returns the count.
  std::size_t fill_pending(PendingTimer* out, std::size_t capacity, std::uint64_t now);
  std::size_t pending_timers() const { return timeouts_ + intervals_; }

  // Visits live user timers: f(id, kind, origin).
  template <typename F>
  void for_each_timer(F&& f) {
    timer_records_.for_each([&](std::uint64_t id, const Timer& t) { f(id, t.kind, t.origin); });
  }

 private:
  // A setTimeout or setInterval.
  struct Timer {
    int callback_slot;          // its slot in the callbacks table
    std::uint32_t interval_ms;  // Interval: the period; Timeout: 0
    Origin origin;              // where it was created
    Kind kind;
    std::uint8_t flags;         // kQueued, kKeepsAlive, kHasArgs
  };
  static constexpr std::uint8_t kQueued = 1;      // in the ready queue (and not in the heap)
  static constexpr std::uint8_t kKeepsAlive = 2;  // counts in keepalive_ (not _PY.unref'd)
  static constexpr std::uint8_t kHasArgs = 4;     // the slot holds {n, fn, arg1, ..., argn}

  // A _PY.sleep: exactly one of the two is set.
  struct Wake {
    TaskRef task;       // a pooled task, resumed if it still runs that task
    int coroutine_ref;  // or a script's coroutine: this record owns the ref (else LUA_NOREF)
  };

  // Files a record under a new id due `delay_ms` after `now`: false (and
  // the ref released) without memory.
  bool insert_wake(const Wake& w, std::uint64_t now, std::uint64_t delay_ms) noexcept;
  // Pushes (due, next id) on the heap; false without memory.
  // Inline, as add() is.
  bool push_entry(std::uint64_t due) noexcept {
    try {
      heap_.push(due, next_id_);
      return true;
    } catch (const std::bad_alloc&) {
      return false;
    }
  }
  void count(const Timer& t, int delta) {
    if (t.kind == Kind::Interval) {
      intervals_ += delta;
    } else {
      timeouts_ += delta;
    }
    if (t.flags & kKeepsAlive) keepalive_ += delta;
  }
  // Erases a timer whose heap entry (if any) was accounted for.
  void end_timer(TimerId id, const Timer& t);
  // Empties the slot and frees it; `callbacks` is the table's index on L.
  void release_slot(lua_State* L, int callbacks, int slot) noexcept {
    lua_pushnil(L);
    lua_rawseti(L, callbacks, slot);  // an existing key: no allocation
    if (free_slots_.size() < free_slots_.capacity()) {
      free_slots_.push_back(slot);
    } else {
      keep_free_slot(slot);
    }
  }
  void keep_free_slot(int slot) noexcept;
  void release_slot(int slot) noexcept;
  void release_wake(const Wake& w) noexcept;
  bool live(TimerId id) { return timer_records_.find(id) != nullptr || wake_records_.find(id) != nullptr; }
  void drop_stale_top();
  void maybe_compact();
  static std::uint64_t deadline(std::uint64_t now, std::uint64_t delay_ms) {
    if (delay_ms == kNever) return kNever;
    return delay_ms >= kNever - now ? kNever - 1 : now + delay_ms;
  }

  lua_State* L_;
  uv_loop_t* loop_;
  uv::Handle<uv_timer_t> uv_timer_;
  IdPages<Timer> timer_records_;
  IdPages<Wake> wake_records_;
  int callbacks_ref_ = LUA_NOREF;
  int next_slot_ = 1;
  std::vector<int> free_slots_;
  TimerHeap heap_;
  TimerId next_id_ = 1;
  std::size_t stale_ = 0;      // heap entries whose id has no record
  std::size_t keepalive_ = 0;  // timers with kKeepsAlive
  std::size_t timeouts_ = 0;
  std::size_t intervals_ = 0;
  std::size_t wakes_ = 0;
  std::uint64_t armed_for_ = 0;
};

}  // namespace plua::runtime
