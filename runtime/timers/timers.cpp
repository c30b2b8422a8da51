#include "timers/timers.hpp"

#include <algorithm>
#include <cassert>
#include <climits>
#include <new>

#include "tasks/scheduler.hpp"

namespace plua::runtime {

Timers::Timers(uv_loop_t* loop, lua_State* L) : L_(L), loop_(loop) {
  uv_timer_.init_or_throw("the timer", uv_timer_init, loop_);
}

// ---- callbacks -------------------------------------------------------------

void Timers::set_callbacks(lua_State* L) {
  lua_pushvalue(L, -1);
  callbacks_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

int Timers::take_slot() noexcept {
  if (!free_slots_.empty()) {
    const int slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  return next_slot_ < INT_MAX ? next_slot_++ : 0;
}

void Timers::keep_free_slot(int slot) noexcept {
  try {
    free_slots_.push_back(slot);
  } catch (...) {
    // Out of memory: the slot is simply never reused.
  }
}

void Timers::release_slot(int slot) noexcept {
  push_callbacks(L_);
  release_slot(L_, lua_gettop(L_), slot);
  lua_pop(L_, 1);
}

void Timers::release_wake(const Wake& w) noexcept {
  if (w.coroutine_ref != LUA_NOREF) luaL_unref(L_, LUA_REGISTRYINDEX, w.coroutine_ref);
}

// ---- adding ------------------------------------------------------------------

bool Timers::insert_wake(const Wake& w, std::uint64_t now, std::uint64_t delay_ms) noexcept {
  if (!push_entry(deadline(now, delay_ms))) {
    release_wake(w);
    return false;
  }
  const TimerId id = next_id_++;
  try {
    wake_records_.insert(id, w);
  } catch (const std::bad_alloc&) {
    ++stale_;
    release_wake(w);
    return false;
  }
  ++wakes_;
  return true;
}

bool Timers::add_wake_task(std::uint64_t now, std::uint64_t delay_ms, TaskRef task) noexcept {
  return insert_wake(Wake{task, LUA_NOREF}, now, delay_ms);
}

bool Timers::add_wake_coroutine(std::uint64_t now, std::uint64_t delay_ms, int coroutine_ref) noexcept {
  return insert_wake(Wake{TaskRef{}, coroutine_ref}, now, delay_ms);
}

// ---- clearing ----------------------------------------------------------------

void Timers::end_timer(TimerId id, const Timer& t) {
  release_slot(t.callback_slot);
  count(t, -1);
  timer_records_.erase(id);
}

void Timers::clear(TimerId id) {
  const Timer* found = timer_records_.find(id);
  if (found == nullptr) return;  // unknown, ended, or a wake-up's id
  const Timer t = *found;
  if (!(t.flags & kQueued)) ++stale_;  // its heap entry stays behind
  end_timer(id, t);
  maybe_compact();
}

bool Timers::set_keeps_alive(TimerId id, bool keeps_alive) {
  Timer* t = timer_records_.find(id);
  if (t == nullptr) return false;
  const bool now_keeps = (t->flags & kKeepsAlive) != 0;
  if (now_keeps != keeps_alive) {
    count(*t, -1);
    t->flags ^= kKeepsAlive;
    count(*t, +1);
  }
  return true;
}

void Timers::maybe_compact() {
  // Bulk clears (100k timers cleared) would otherwise keep the heap at its
  // peak size until every stale deadline surfaced.
  if (stale_ < 1024 || stale_ * 2 < heap_.size()) return;
  try {
    heap_.compact([this](const TimerKey& k) { return live(k.id); });
  } catch (const std::bad_alloc&) {
    return;  // out of memory: the stale entries stay until they surface
  }
  stale_ = 0;
}

void Timers::drop_stale_top() {
  while (!heap_.empty() && !live(heap_.top().id)) {
    heap_.pop();
    if (stale_ > 0) --stale_;
  }
}

// ---- firing ------------------------------------------------------------------

bool Timers::has_due(std::uint64_t now) {
  drop_stale_top();
  return !heap_.empty() && heap_.top().due <= now;
}

void Timers::collect_due(std::uint64_t now, Scheduler& scheduler, std::size_t limit) {
  std::size_t moved = 0;
  while (moved < limit && !heap_.empty()) {
    const TimerKey key = heap_.top();
    if (key.due > now) return;
    // Each branch queues first: that may throw, and then nothing has changed.
    if (Timer* t = timer_records_.find(key.id)) {
      assert(!(t->flags & kQueued));
      scheduler.enqueue_timer(key.id, key.due);
      heap_.pop();
      t->flags |= kQueued;
      if (scheduler.debug_queue()) {
        const auto kind = t->kind == Kind::Interval ? TaskLabel::Kind::Interval : TaskLabel::Kind::Timeout;
        scheduler.log_queue('+', TaskLabel{kind, key.id, t->origin}, static_cast<std::int64_t>(now - key.due));
      }
      ++moved;
    } else if (const Wake* w = wake_records_.find(key.id)) {
      if (w->task.serial != 0) {
        scheduler.enqueue_resume(w->task);
      } else {
        scheduler.enqueue_resume_coroutine(w->coroutine_ref);  // the ref moves to the queue
      }
      heap_.pop();
      wake_records_.erase(key.id);
      --wakes_;
      if (scheduler.debug_queue()) scheduler.log_queue('+', TaskLabel{TaskLabel::Kind::Coroutine, 0, {}}, -1);
      ++moved;
    } else {
      heap_.pop();
      if (stale_ > 0) --stale_;
    }
  }
}

int Timers::begin_fire(lua_State* R, int callbacks, const Task::Fire& fire, std::uint64_t now,
                       TaskLabel& label) noexcept {
  Timer* found = timer_records_.find(fire.id);
  if (found == nullptr) return kCleared;
  Timer& t = *found;
  label = TaskLabel{t.kind == Kind::Interval ? TaskLabel::Kind::Interval : TaskLabel::Kind::Timeout, fire.id,
                    t.origin};
  // Push first, while the record is unchanged.
  int nargs = 0;
  lua_rawgeti(R, callbacks, t.callback_slot);
  if (t.flags & kHasArgs) {
    const int packed = lua_gettop(R);  // {n, fn, arg1, ..., argn}
    lua_rawgeti(R, packed, 1);
    nargs = static_cast<int>(lua_tointeger(R, -1));
    lua_pop(R, 1);
    if (!lua_checkstack(R, nargs + 1)) {
      lua_pop(R, 1);
      const Timer ended = t;
      end_timer(fire.id, ended);  // queued: no heap entry to leave behind
      return kNoMemory;
    }
    for (int i = 2; i <= nargs + 2; ++i) lua_rawgeti(R, packed, i);
    lua_remove(R, packed);
  }
  if (t.kind == Kind::Timeout) {
    // Ends here; the callback is on R's stack, so emptying its slot drops nothing.
    const Timer ended = t;
    release_slot(R, callbacks, ended.callback_slot);
    count(ended, -1);
    timer_records_.erase(fire.id);
    return nargs;
  }
  // Interval: fixed rate, so ticks do not drift; if the loop fell behind,
  // fire once as soon as possible instead of in a burst.
  std::uint64_t next = fire.due + t.interval_ms;
  if (next < fire.due) next = kNever - 1;
  if (next < now) next = now;
  try {
    heap_.push(next, fire.id);
  } catch (const std::bad_alloc&) {
    lua_pop(R, nargs + 1);
    const Timer ended = t;
    end_timer(fire.id, ended);
    return kNoMemory;
  }
  t.flags &= static_cast<std::uint8_t>(~kQueued);
  return nargs;
}

// ---- the rest ----------------------------------------------------------------

std::size_t Timers::fill_pending(PendingTimer* out, std::size_t capacity, std::uint64_t now) {
  std::size_t n = 0;
  heap_.for_each([&](const TimerKey& k) {
    const Timer* t = timer_records_.find(k.id);
    if (n < capacity && t != nullptr) out[n++] = PendingTimer{k.id, t->kind, k.due, t->origin};
  });
  timer_records_.for_each([&](std::uint64_t id, const Timer& t) {
    if (n < capacity && (t.flags & kQueued)) out[n++] = PendingTimer{id, t.kind, now, t.origin};
  });
  std::sort(out, out + n,
            [](const PendingTimer& a, const PendingTimer& b) { return a.due != b.due ? a.due < b.due : a.id < b.id; });
  return n;
}

void Timers::arm(std::uint64_t now) {
  drop_stale_top();
  if (heap_.empty()) {
    uv_timer_stop(uv_timer_.get());
    return;
  }
  const std::uint64_t due = heap_.top().due;
  if (uv_is_active(uv_timer_.base()) && armed_for_ == due) return;
  // A "never" deadline still arms a far timer so that the loop blocks
  // instead of spinning while it keeps the process alive.
  const std::uint64_t timeout = due == kNever ? (UINT64_MAX >> 2) : (due > now ? due - now : 0);
  uv_timer_start(uv_timer_.get(), [](uv_timer_t*) {}, timeout, 0);
  armed_for_ = due;
}

void Timers::disarm() { uv_timer_stop(uv_timer_.get()); }

std::uint64_t Timers::next_due() {
  drop_stale_top();
  return heap_.empty() ? kNever : heap_.top().due;
}

}  // namespace plua::runtime
