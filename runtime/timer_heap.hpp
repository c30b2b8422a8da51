#pragma once
// Min-heap of timer deadlines ordered by (due, id): ids grow with creation,
// so equal deadlines pop in creation order, which is plua's FIFO guarantee
// (an interval keeps its id, so its ticks keep their place too).
// Entries are never removed from the middle: a cleared timer leaves a stale
// entry that the owner skips when it surfaces, and compacts away in bulk.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plua::runtime {

struct TimerKey {
  std::uint64_t due;  // absolute loop time in ms
  std::uint64_t id;   // timer record this entry belongs to; ties by creation
};

class TimerHeap {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const TimerKey& top() const { return heap_.front(); }

  void push(std::uint64_t due, std::uint64_t id);
  void pop();

  // Visits every entry, in heap (not deadline) order.
  template <typename F>
  void for_each(F&& f) const {
    for (const TimerKey& k : heap_) f(k);
  }

  // Drops every entry for which live(key) is false and restores the heap.
  template <typename Live>
  void compact(Live&& live) {
    std::size_t kept = 0;
    for (const TimerKey& k : heap_)
      if (live(k)) heap_[kept++] = k;
    heap_.resize(kept);
    rebuild();
  }

 private:
  void rebuild();
  std::vector<TimerKey> heap_;
};

}  // namespace plua::runtime
