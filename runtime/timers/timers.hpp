#pragma once
// Timer records for setTimeout/setInterval and _PY.sleep wake-ups, kept in
// one heap and driven by a single libuv timer armed for the earliest
// deadline. Firing never calls Lua: due records become tasks on the ready
// queue (see scheduler.hpp).
//
// Records hold registry refs as plain ints; this table is their owner and
// releases them when a record ends. At shutdown the refs die with the
// lua_State.

#include <lua.hpp>
#include <uv.h>

#include <cstdint>
#include <vector>

#include "timers/id_pages.hpp"
#include "tasks/task.hpp"
#include "timers/timer_heap.hpp"
#include "uv/handle.hpp"

namespace plua::runtime {

class Scheduler;

class Timers {
 public:
  static constexpr std::uint64_t kNever = UINT64_MAX;

  enum class Kind : std::uint8_t { Timeout, Interval, Wake };

  Timers(uv_loop_t* loop, lua_State* L);
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  // Callbacks and argument tables live in one Lua table (the "slots"),
  // indexed by slots this class hands out: cheaper than luaL_ref, and
  // setTimeout writes into it through an upvalue. Call once at boot with
  // the table on top of L's stack (it stays there).
  void set_slots(lua_State* L);
  // A free slot index (>= 1) to store a value in before add(), used once;
  // 0 if memory ran out.
  int take_slot() noexcept;
  // Timers with the same plain callback as the last one share its slot (a
  // flood of setTimeout(f, 0) stores f once). Once `slot` holds the
  // callback whose lua_topointer is `function`, offer_to_share() makes it
  // the slot to share; shared_slot_for() gives it back for that callback
  // (else 0). The slot holds the callback, so its address cannot belong to
  // another object meanwhile. share_slot() counts one more use.
  void offer_to_share(int slot, const void* function) noexcept {
    shared_slot_ = slot;
    shared_function_ = function;
  }
  int shared_slot_for(const void* function) const {
    return function != nullptr && function == shared_function_ ? shared_slot_ : 0;
  }
  void share_slot(int slot) noexcept { ++slot_uses_[static_cast<std::size_t>(slot)]; }

  // Adds a timer whose callback slot is handed over: the slot holds the
  // function, or with with_args a table {fn, arg1, ..., n = count}.
  // Returns its id, or 0 if memory ran out (slot released).
  TimerId add(Kind kind, std::uint64_t delay_ms, int callback_slot, bool with_args, Origin origin) noexcept;
  // Adds a wake-up for a sleeping thread; thread_ref is handed over when
  // owns_ref is true; generation is the pooled thread's (0 otherwise).
  // Returns false if memory ran out.
  bool add_wake(std::uint64_t delay_ms, int thread_ref, bool owns_ref, std::uint32_t generation) noexcept;

  // clearTimeout/clearInterval: idempotent, unknown ids ignored.
  void clear(TimerId id);
  // _PY.unref / _PY.ref: whether the timer keeps the process alive.
  bool set_keeps_alive(TimerId id, bool keeps_alive);

  // Moves records due at `now` to the ready queue, in (due, id) order, at
  // most `limit` of them: the loop takes a flood of due timers in slices,
  // so the queue stays small while they are still ordered by the heap.
  void collect_due(std::uint64_t now, Scheduler& scheduler, std::size_t limit = SIZE_MAX);
  bool has_due(std::uint64_t now);

  // Pushes the callback and its arguments for a Timer task onto co and
  // updates the record (a timeout ends, an interval is rescheduled).
  // Returns the argument count, or -1 if the timer was cleared meanwhile.
  // May raise Lua errors: call from protected code only.
  int begin_fire(lua_State* co, const Task& task, TaskLabel& label);

  // Ends an interval whose callback raised an error (PLua behaviour).
  void clear_after_error(TimerId id) { clear(id); }

  // Arms the libuv timer for the earliest live deadline (or stops it).
  void arm(std::uint64_t now);

  // Counts for termination and _PY.stats().
  std::size_t keepalive_count() const { return keepalive_; }
  std::size_t pending_timeouts() const { return timeouts_; }
  std::size_t active_intervals() const { return intervals_; }
  std::size_t sleeping() const { return wakes_; }
  std::size_t heap_size() const { return heap_.size(); }

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
    records_.for_each([&](std::uint64_t id, const Record& r) {
      if (r.kind != Kind::Wake) f(id, r.kind, Origin{r.source, r.line});
    });
  }

 private:
  struct Record {
    // 16 bytes (a page of 1024 is 16 KiB): 100,000 pending timers are the
    // timers_rss benchmark.
    int callback_ref;   // slot of the function (or of {fn, args...}), or registry ref of the thread for a wake-up
    std::uint32_t interval_ms;
    std::uint32_t line;
    std::uint16_t source;  // SourceNames index; 0 past 65535 sources
    Kind kind;
    std::uint8_t flags;
  };
  static_assert(sizeof(Record) == 16);
  static constexpr std::uint8_t kQueued = 1;     // popped from the heap, waiting in the ready queue
  static constexpr std::uint8_t kKeepsAlive = 2;
  static constexpr std::uint8_t kOwnsRef = 4;    // wake-up: callback_ref is ours to release
  static constexpr std::uint8_t kHasArgs = 8;    // the slot holds {fn, args..., n =}

  // Files r under a new id due in delay_ms; 0 (and r released) without memory.
  TimerId insert(const Record& r, std::uint64_t delay_ms) noexcept;
  void count(const Record& r, int delta);
  void release(const Record& r);
  // One use of the slot ends; the last one empties and frees it.
  void release_slot(int slot) noexcept;
  // The slots table is at `slots` on L's stack.
  void release_slot_at(lua_State* L, int slots, int slot) noexcept;
  void drop_stale_top();
  void maybe_compact();
  std::uint64_t deadline(std::uint64_t delay_ms) const;

  lua_State* L_;
  uv_loop_t* loop_;
  uv::Handle<uv_timer_t> uv_timer_;
  IdPages<Record> records_;
  int slots_ref_ = LUA_NOREF;
  int next_slot_ = 1;
  std::vector<int> free_slots_;
  std::vector<std::uint32_t> slot_uses_;  // by slot: timers using it
  int shared_slot_ = 0;
  const void* shared_function_ = nullptr;  // what shared_slot_ holds
  TimerHeap heap_;
  TimerId next_id_ = 1;
  std::size_t stale_ = 0;  // heap entries whose record is gone
  std::size_t keepalive_ = 0;
  std::size_t timeouts_ = 0;
  std::size_t intervals_ = 0;
  std::size_t wakes_ = 0;
  std::uint64_t armed_for_ = 0;
};

}  // namespace plua::runtime
