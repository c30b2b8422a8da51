#pragma once
// Timer deadlines ordered by (due, id); why, and how entries go stale and
// are compacted: timers.hpp. Two structures behind one top():
// * the run: keys pushed in ascending order (any burst of timers with one
//   delay, as a loop of setTimeout(f, 0) makes) append to a FIFO in O(1).
//   It stores spans: (due, first, count) stands for the keys (due, first),
//   (due, first + 1), ..., so a burst made within one millisecond is one
//   span, whatever its size.
// * a binary heap for the keys that arrive out of order.

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
  std::size_t size() const { return heap_.size() + run_size_; }
  // Precondition: !empty().
  TimerKey top() const { return from_run() ? run_.front().front() : heap_.front(); }

  // May throw std::bad_alloc (nothing changes then). Inline: the common
  // case (the next id of the last span) is one increment.
  void push(std::uint64_t due, std::uint64_t id) {
    if (!run_.empty()) {
      Span& last = run_.back();
      if (last.due == due && last.first + last.count == id) {
        ++last.count;
        ++run_size_;
        return;
      }
    }
    push_new(TimerKey{due, id});
  }
  // Precondition: !empty().
  void pop();

  // Visits every entry, in no particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (const TimerKey& k : heap_) f(k);
    for (const Span& s : run_) {
      for (std::uint64_t i = 0; i < s.count; ++i) f(TimerKey{s.due, s.first + i});
    }
  }

  // Drops every entry for which live(key) is false. May throw
  // std::bad_alloc (nothing changes then).
  template <typename Live>
  void compact(Live&& live) {
    std::deque<Span> run;
    std::size_t run_size = 0;
    for (const Span& s : run_) {
      for (std::uint64_t i = 0; i < s.count; ++i) {
        const TimerKey k{s.due, s.first + i};
        if (!live(k)) continue;
        append(run, k);
        ++run_size;
      }
    }
    std::size_t kept = 0;
    for (const TimerKey& k : heap_)
      if (live(k)) heap_[kept++] = k;
    heap_.resize(kept);
    rebuild();
    run_.swap(run);
    run_size_ = run_size;
  }

 private:
  struct Span {
    std::uint64_t due;
    std::uint64_t first;
    std::uint64_t count;
    TimerKey front() const { return TimerKey{due, first}; }
    TimerKey back() const { return TimerKey{due, first + count - 1}; }
  };
  // Precondition: run is empty or its last key is below k.
  static void append(std::deque<Span>& run, const TimerKey& k) {
    if (!run.empty() && run.back().due == k.due && run.back().first + run.back().count == k.id) {
      ++run.back().count;
    } else {
      run.push_back(Span{k.due, k.id, 1});
    }
  }
  // push() for a key that does not extend the last span.
  void push_new(const TimerKey& key);
  bool from_run() const { return !run_.empty() && (heap_.empty() || run_.front().front() < heap_.front()); }
  void rebuild();

  std::vector<TimerKey> heap_;
  // Ascending spans. A deque, not a ring buffer: growing it never copies
  // what is there (page faults dominate timer floods).
  std::deque<Span> run_;
  std::size_t run_size_ = 0;  // keys in run_
};

}  // namespace plua::runtime
