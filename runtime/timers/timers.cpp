#include "timers/timers.hpp"

#include <algorithm>
#include <new>

#include "tasks/scheduler.hpp"

namespace plua::runtime {

Timers::Timers(uv_loop_t* loop, lua_State* L) : L_(L), loop_(loop) {
  uv_timer_.init_or_throw("the timer", uv_timer_init, loop_);
}

std::uint64_t Timers::deadline(std::uint64_t delay_ms) const {
  if (delay_ms == kNever) return kNever;
  const std::uint64_t now = uv_now(loop_);
  return delay_ms >= kNever - now ? kNever - 1 : now + delay_ms;
}

void Timers::count(const Record& r, int delta) {
  switch (r.kind) {
    case Kind::Timeout: timeouts_ += delta; break;
    case Kind::Interval: intervals_ += delta; break;
    case Kind::Wake: wakes_ += delta; break;
  }
  if (r.flags & kKeepsAlive) keepalive_ += delta;
}

void Timers::set_slots(lua_State* L) {
  lua_pushvalue(L, -1);
  slots_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

int Timers::take_slot() noexcept {
  int slot = 0;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    try {
      slot_uses_.resize(static_cast<std::size_t>(next_slot_) + 1);
    } catch (...) {
      return 0;
    }
    slot = next_slot_++;
  }
  slot_uses_[static_cast<std::size_t>(slot)] = 1;
  return slot;
}

void Timers::release_slot(int slot) noexcept {
  lua_rawgeti(L_, LUA_REGISTRYINDEX, slots_ref_);
  release_slot_at(L_, lua_gettop(L_), slot);
  lua_pop(L_, 1);
}

void Timers::release_slot_at(lua_State* L, int slots, int slot) noexcept {
  std::uint32_t& uses = slot_uses_[static_cast<std::size_t>(slot)];
  if (uses == 0 || --uses > 0) return;
  lua_pushnil(L);
  lua_rawseti(L, slots, slot);
  if (slot == shared_slot_) {
    shared_slot_ = 0;
    shared_function_ = nullptr;
  }
  try {
    free_slots_.push_back(slot);
  } catch (...) {
    // Out of memory: the slot is simply never reused.
  }
}

void Timers::release(const Record& r) {
  if (r.kind == Kind::Wake) {
    if (r.flags & kOwnsRef) luaL_unref(L_, LUA_REGISTRYINDEX, r.callback_ref);
    return;
  }
  release_slot(r.callback_ref);
}

TimerId Timers::add(Kind kind, std::uint64_t delay_ms, int callback_slot, bool with_args, Origin origin) noexcept {
  const auto source = static_cast<std::uint16_t>(origin.source <= UINT16_MAX ? origin.source : 0);
  const Record r{callback_slot, static_cast<std::uint32_t>(std::min<std::uint64_t>(delay_ms, UINT32_MAX)),
                 origin.line, source, kind, static_cast<std::uint8_t>(kKeepsAlive | (with_args ? kHasArgs : 0))};
  return insert(r, delay_ms);
}

bool Timers::add_wake(std::uint64_t delay_ms, int thread_ref, bool owns_ref, std::uint32_t generation) noexcept {
  const std::uint8_t flags = kKeepsAlive | (owns_ref ? kOwnsRef : 0);
  // A wake-up has no origin: `line` carries the thread's pool generation.
  const Record r{thread_ref, 0, generation, 0, Kind::Wake, flags};
  return insert(r, delay_ms) != 0;
}

TimerId Timers::insert(const Record& r, std::uint64_t delay_ms) noexcept {
  const TimerId id = next_id_;
  try {
    heap_.push(deadline(delay_ms), id);
    try {
      records_.insert(id, r);
    } catch (...) {
      // The heap entry stays behind as a stale one.
      ++stale_;
      throw;
    }
  } catch (const std::bad_alloc&) {
    release(r);
    return 0;
  }
  ++next_id_;
  count(r, +1);
  return id;
}

void Timers::clear(TimerId id) {
  Record* r = records_.find(id);
  if (r == nullptr || r->kind == Kind::Wake) return;
  if (!(r->flags & kQueued)) ++stale_;
  release(*r);
  count(*r, -1);
  records_.erase(id);
  maybe_compact();
}

bool Timers::set_keeps_alive(TimerId id, bool keeps_alive) {
  Record* r = records_.find(id);
  if (r == nullptr || r->kind == Kind::Wake) return false;
  const bool now_keeps = (r->flags & kKeepsAlive) != 0;
  if (now_keeps != keeps_alive) {
    count(*r, -1);
    r->flags ^= kKeepsAlive;
    count(*r, +1);
  }
  return true;
}

void Timers::maybe_compact() {
  // Bulk clears (100k timers cleared) would otherwise keep the heap at its
  // peak size until every stale deadline surfaced.
  if (stale_ < 1024 || stale_ * 2 < heap_.size()) return;
  heap_.compact([this](const TimerKey& k) {
    const Record* r = records_.find(k.id);
    return r != nullptr && !(r->flags & kQueued);
  });
  stale_ = 0;
}

void Timers::drop_stale_top() {
  while (!heap_.empty()) {
    const Record* r = records_.find(heap_.top().id);
    if (r != nullptr && !(r->flags & kQueued)) return;
    heap_.pop();
    if (stale_ > 0) --stale_;
  }
}

bool Timers::has_due(std::uint64_t now) {
  drop_stale_top();
  return !heap_.empty() && heap_.top().due <= now;
}

void Timers::collect_due(std::uint64_t now, Scheduler& scheduler, std::size_t limit) {
  for (std::size_t moved = 0; moved < limit; ++moved) {
    drop_stale_top();
    if (heap_.empty() || heap_.top().due > now) return;
    const TimerKey key = heap_.top();
    heap_.pop();
    Record* r = records_.find(key.id);
    if (r->kind == Kind::Wake) {
      scheduler.enqueue_resume(r->callback_ref, (r->flags & kOwnsRef) != 0, r->line);
      if (scheduler.debug_queue()) scheduler.log_queue('+', TaskLabel{TaskLabel::Kind::Coroutine, 0, {}}, -1);
      count(*r, -1);
      records_.erase(key.id);
    } else {
      r->flags |= kQueued;
      scheduler.enqueue_timer(key.id, key.due);
      if (scheduler.debug_queue()) {
        const auto kind = r->kind == Kind::Interval ? TaskLabel::Kind::Interval : TaskLabel::Kind::Timeout;
        scheduler.log_queue('+', TaskLabel{kind, key.id, Origin{r->source, r->line}},
                            static_cast<std::int64_t>(now - key.due));
      }
    }
  }
}

int Timers::begin_fire(lua_State* co, const Task& task, TaskLabel& label) {
  Record* found = records_.find(task.timer);
  if (found == nullptr) return -1;
  const Record r = *found;
  label = TaskLabel{r.kind == Kind::Interval ? TaskLabel::Kind::Interval : TaskLabel::Kind::Timeout, task.timer,
                    Origin{r.source, r.line}};
  // Push first: nothing below may raise once the record has changed.
  int nargs = 0;
  lua_rawgeti(co, LUA_REGISTRYINDEX, slots_ref_);
  lua_rawgeti(co, -1, r.callback_ref);
  if (r.flags & kHasArgs) {
    lua_getfield(co, -1, "n");
    nargs = static_cast<int>(lua_tointeger(co, -1));
    lua_pop(co, 1);
    luaL_checkstack(co, nargs + 2, "too many timer arguments");
    const int table = lua_gettop(co);
    for (int i = 1; i <= nargs + 1; ++i) lua_rawgeti(co, table, i);  // fn, args...
    lua_remove(co, table);
  }
  if (r.kind == Kind::Timeout) {
    // Release the slot through the table already on co's stack.
    const int slots = lua_gettop(co) - nargs - 1;
    release_slot_at(co, slots, r.callback_ref);
    lua_remove(co, slots);
    count(r, -1);
    records_.erase(task.timer);
    return nargs;
  }
  lua_remove(co, -nargs - 2);  // the slots table
  // Interval: fixed rate, so ticks do not drift; if the loop fell behind,
  // fire once as soon as possible instead of in a burst.
  found->flags &= static_cast<std::uint8_t>(~kQueued);
  const std::uint64_t now = uv_now(loop_);
  std::uint64_t next = task.due + r.interval_ms;
  if (next < now) next = now;
  try {
    heap_.push(next, task.timer);
  } catch (const std::bad_alloc&) {
    lua_settop(co, 0);
    clear(task.timer);
    luaL_error(co, "not enough memory to reschedule interval %d", static_cast<int>(task.timer));
  }
  return nargs;
}

std::size_t Timers::fill_pending(PendingTimer* out, std::size_t capacity, std::uint64_t now) {
  std::size_t n = 0;
  heap_.for_each([&](const TimerKey& k) {
    const Record* r = records_.find(k.id);
    if (n < capacity && r != nullptr && r->kind != Kind::Wake && !(r->flags & kQueued)) {
      out[n++] = PendingTimer{k.id, r->kind, k.due, Origin{r->source, r->line}};
    }
  });
  records_.for_each([&](std::uint64_t id, const Record& r) {
    if (n < capacity && r.kind != Kind::Wake && (r.flags & kQueued)) {
      out[n++] = PendingTimer{id, r.kind, now, Origin{r.source, r.line}};
    }
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

}  // namespace plua::runtime
