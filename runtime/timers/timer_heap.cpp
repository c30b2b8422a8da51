#include "timers/timer_heap.hpp"

#include <algorithm>

namespace plua::runtime {

namespace {

// std::*_heap build max-heaps; "later" makes the earliest entry the top.
bool later(const TimerKey& a, const TimerKey& b) {
  return a.due != b.due ? a.due > b.due : a.id > b.id;
}

}  // namespace

void TimerHeap::push_new(const TimerKey& key) {
  if (run_.empty() || run_.back().back() < key) {
    append(run_, key);
    ++run_size_;
    return;
  }
  heap_.push_back(key);
  std::push_heap(heap_.begin(), heap_.end(), later);
}

void TimerHeap::pop() {
  if (from_run()) {
    Span& front = run_.front();
    ++front.first;
    if (--front.count == 0) run_.pop_front();
    --run_size_;
    return;
  }
  std::pop_heap(heap_.begin(), heap_.end(), later);
  heap_.pop_back();
}

void TimerHeap::rebuild() { std::make_heap(heap_.begin(), heap_.end(), later); }

}  // namespace plua::runtime
