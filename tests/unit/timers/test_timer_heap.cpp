#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "timers/timer_heap.hpp"

using plua::runtime::TimerHeap;
using plua::runtime::TimerKey;

namespace {

std::vector<std::pair<std::uint64_t, std::uint64_t>> drain(TimerHeap& h) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  while (!h.empty()) {
    out.emplace_back(h.top().due, h.top().id);
    h.pop();
  }
  return out;
}

}  // namespace

TEST_CASE("timer heap pops by deadline, then by creation (id)") {
  TimerHeap h;
  h.push(30, 1);
  h.push(10, 2);
  h.push(20, 3);
  h.push(10, 4);
  h.push(10, 5);
  const auto order = drain(h);
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> expected{{10, 2}, {10, 4}, {10, 5}, {20, 3}, {30, 1}};
  REQUIRE(order == expected);
}

TEST_CASE("timer heap keeps FIFO order for a flood of equal deadlines") {
  TimerHeap h;
  for (std::uint64_t id = 1; id <= 10000; ++id) h.push(5, id);
  std::uint64_t expected = 1;
  while (!h.empty()) {
    REQUIRE(h.top().id == expected++);
    h.pop();
  }
}

TEST_CASE("timer heap orders random deadlines like a sort") {
  TimerHeap h;
  std::mt19937 rng(7);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  for (std::uint64_t id = 1; id <= 5000; ++id) {
    const std::uint64_t due = rng() % 100;
    h.push(due, id);
    keys.emplace_back(due, id);
  }
  std::sort(keys.begin(), keys.end());
  REQUIRE(drain(h) == keys);
}

TEST_CASE("timer heap compaction drops stale entries and keeps order") {
  TimerHeap h;
  for (std::uint64_t id = 1; id <= 100; ++id) h.push(100 - id, id);
  h.compact([](const TimerKey& k) { return k.id % 3 == 0; });
  REQUIRE(h.size() == 33);
  std::uint64_t last_due = 0;
  while (!h.empty()) {
    REQUIRE(h.top().id % 3 == 0);
    REQUIRE(h.top().due >= last_due);
    last_due = h.top().due;
    h.pop();
  }
}

TEST_CASE("timer heap merges its ascending run and its heap in key order") {
  // Ascending pushes take the O(1) run, the others the heap; pops interleave.
  TimerHeap h;
  std::mt19937 rng(11);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  std::uint64_t due = 0;
  for (std::uint64_t id = 1; id <= 3000; ++id) {
    due = (rng() % 4 == 0) ? rng() % 500 : due + rng() % 3;  // mostly ascending runs, some jumps back
    h.push(due, id);
    keys.emplace_back(due, id);
    if (id % 7 == 0) {  // pop the minimum now and then, as the loop does
      std::sort(keys.begin(), keys.end());
      REQUIRE(h.top().due == keys.front().first);
      REQUIRE(h.top().id == keys.front().second);
      h.pop();
      keys.erase(keys.begin());
    }
  }
  std::sort(keys.begin(), keys.end());
  REQUIRE(drain(h) == keys);
}

TEST_CASE("timer heap stores a burst as spans; compaction splits them and keeps order") {
  TimerHeap h;
  for (std::uint64_t id = 1; id <= 1000; ++id) h.push(7, id);       // one span
  for (std::uint64_t id = 1001; id <= 1500; ++id) h.push(9, id);    // another due: a second span
  h.push(8, 2000);                                                   // out of order: the heap
  REQUIRE(h.size() == 1501);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> expected;
  h.for_each([&](const TimerKey& k) {
    if (k.id % 2 == 0) expected.emplace_back(k.due, k.id);
  });
  std::sort(expected.begin(), expected.end());
  h.compact([](const TimerKey& k) { return k.id % 2 == 0; });  // holes in every span
  REQUIRE(h.size() == expected.size());
  REQUIRE(drain(h) == expected);
}
