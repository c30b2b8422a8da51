#pragma once
// Min-heap of timer deadlines ordered by (due, id): ids grow with creation,
// so equal deadlines pop in creation order, which is plua's FIFO guarantee
// (an interval keeps its id, so its ticks keep their place too).
// Entries are never removed from the middle: a cleared timer leaves a stale
// entry that the owner skips when it surfaces, and compacts away in bulk.
//
// Keys pushed in ascending order (a flood of setTimeout(f, 0), any run of
// timers with one delay) go to a FIFO run instead of the heap, so they
// push and pop in O(1); the rest use the binary heap. top() is the smaller
// of the two fronts.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace plua::runtime {

struct TimerKey {
  std::uint64_t due;  // absolute loop time in ms
  std::uint64_t id;   // timer record this entry belongs to; ties by creation
};

inline bool operator<(const TimerKey& a, const TimerKey& b) { return a.due != b.due ? a.due < b.due : a.id < b.id; }

class TimerHeap {
 public:
  bool empty() const { return heap_.empty() && run_.empty(); }
  std::size_t size() const { return heap_.size() + run_.size(); }
  // Precondition: !empty().
  const TimerKey& top() const { return from_run() ? run_.front() : heap_.front(); }

  void push(std::uint64_t due, std::uint64_t id);
  void pop();

  // Visits every entry, in no particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (const TimerKey& k : heap_) f(k);
    for (const TimerKey& k : run_) f(k);
  }

  // Drops every entry for which live(key) is false.
  template <typename Live>
  void compact(Live&& live) {
    std::size_t kept = 0;
    for (const TimerKey& k : heap_)
      if (live(k)) heap_[kept++] = k;
    heap_.resize(kept);
    rebuild();
    run_.erase(std::remove_if(run_.begin(), run_.end(), [&](const TimerKey& k) { return !live(k); }), run_.end());
  }

 private:
  bool from_run() const { return !run_.empty() && (heap_.empty() || run_.front() < heap_.front()); }
  void rebuild();
  std::vector<TimerKey> heap_;
  // Ascending. A deque, not a ring buffer: a flood grows it block by block
  // instead of copying it into ever larger buffers (page faults dominate
  // setTimeout floods).
  std::deque<TimerKey> run_;
};

}  // namespace plua::runtime
