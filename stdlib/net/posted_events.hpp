#pragma once
// Events a service hands to Lua in the order they happened (MQTT messages,
// WebSocket frames). Each waits here until the job posted for it runs
// (Scheduler::post takes plain data: the job names its event by sequence
// number), so a job never finds its event freed; an event whose job
// cannot be posted (no memory) is dropped whole, never reordered.
//   Event: a movable type with a `std::uint64_t seq` member.

#include <lua.hpp>

#include <cstdint>
#include <deque>
#include <new>

#include "runtime.hpp"

namespace plua::stdlib::net {

template <typename Event>
class PostedEvents {
 public:
  // Queues `event` and posts the job that calls owner->*Deliver(L, seq)
  // for it. Raises nothing; without memory the event is dropped.
  template <typename Owner, int (Owner::*Deliver)(lua_State*, std::uint64_t)>
  void post(runtime::Runtime& runtime, Event event, const runtime::TaskLabel& label, Owner* owner) noexcept {
    const std::uint64_t seq = next_seq_++;
    event.seq = seq;
    try {
      events_.push_back(std::move(event));
      const auto run = [](lua_State* L, void* self, std::uint64_t event_seq) {
        return (static_cast<Owner*>(self)->*Deliver)(L, event_seq);
      };
      runtime.scheduler().post(runtime::Job{run, owner, seq, label});
    } catch (const std::bad_alloc&) {
      if (!events_.empty() && events_.back().seq == seq) events_.pop_back();
    }
  }

  // The event job `seq` delivers (older ones, whose jobs found nothing to
  // do, go first), or nullptr if it was dropped. pop() when it is done.
  Event* find(std::uint64_t seq) {
    while (!events_.empty() && events_.front().seq < seq) events_.pop_front();
    if (events_.empty() || events_.front().seq != seq) return nullptr;
    return &events_.front();
  }
  void pop() { events_.pop_front(); }
  void clear() { events_.clear(); }

  auto begin() { return events_.begin(); }
  auto end() { return events_.end(); }

 private:
  std::deque<Event> events_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace plua::stdlib::net
