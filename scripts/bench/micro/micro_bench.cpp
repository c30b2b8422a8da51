// Micro-benchmarks for the scheduler's data structures (not a ctest test):
//   build/scripts/bench/micro/micro_bench
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "timers/id_map.hpp"
#include "timers/id_pages.hpp"
#include "tasks/ring_queue.hpp"
#include "tasks/task.hpp"
#include "timers/timer_heap.hpp"

using namespace plua::runtime;

TEST_CASE("ready queue") {
  BENCHMARK("100k push then pop") {
    RingQueue<Task> q;
    for (std::uint64_t i = 0; i < 100000; ++i) q.push(Task::fire(i, i));
    std::uint64_t sum = 0;
    while (!q.empty()) sum += q.pop().timer.id;
    return sum;
  };
}

TEST_CASE("timer heap") {
  BENCHMARK("100k equal-delay timers (FIFO run)") {
    TimerHeap h;
    for (std::uint64_t id = 1; id <= 100000; ++id) h.push(5, id);
    std::uint64_t sum = 0;
    while (!h.empty()) {
      sum += h.top().id;
      h.pop();
    }
    return sum;
  };
  std::mt19937 rng(1);
  std::vector<std::uint64_t> dues(100000);
  for (auto& d : dues) d = rng() % 10000;
  BENCHMARK("100k random deadlines (heap)") {
    TimerHeap h;
    for (std::uint64_t id = 1; id <= dues.size(); ++id) h.push(dues[id - 1], id);
    std::uint64_t sum = 0;
    while (!h.empty()) {
      sum += h.top().due;
      h.pop();
    }
    return sum;
  };
}

TEST_CASE("timer records") {
  // What Timers uses: pages of consecutive ids.
  BENCHMARK("100k insert, find, erase (IdPages)") {
    IdPages<std::uint64_t> m;
    for (std::uint64_t id = 1; id <= 100000; ++id) m.insert(id, id);
    std::uint64_t sum = 0;
    for (std::uint64_t id = 1; id <= 100000; ++id) sum += *m.find(id);
    for (std::uint64_t id = 1; id <= 100000; ++id) m.erase(id);
    return sum;
  };
  // The open-addressing map it replaced, for comparison.
  BENCHMARK("100k insert, find, erase (IdMap)") {
    IdMap<std::uint64_t> m;
    for (std::uint64_t id = 1; id <= 100000; ++id) m.insert(id, id);
    std::uint64_t sum = 0;
    for (std::uint64_t id = 1; id <= 100000; ++id) sum += *m.find(id);
    for (std::uint64_t id = 1; id <= 100000; ++id) m.erase(id);
    return sum;
  };
}
