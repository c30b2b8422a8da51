#include <catch2/catch.hpp>

#include "tasks/ring_queue.hpp"

using plua::runtime::RingQueue;

TEST_CASE("ring queue pops in push order across growth and wrap-around") {
  RingQueue<int> q;
  REQUIRE(q.empty());
  // Offset the head so that growth happens while the ring is wrapped.
  for (int i = 0; i < 40; ++i) q.push(i);
  for (int i = 0; i < 40; ++i) REQUIRE(q.pop() == i);
  for (int i = 0; i < 1000; ++i) q.push(i);
  REQUIRE(q.size() == 1000);
  for (int i = 0; i < 1000; ++i) REQUIRE(q.pop() == i);
  REQUIRE(q.empty());
}

TEST_CASE("ring queue interleaves pushes and pops without reallocating") {
  RingQueue<int> q;
  for (int i = 0; i < 10; ++i) q.push(i);
  const auto capacity = q.capacity();
  int next_out = 0;
  for (int i = 10; i < 100000; ++i) {
    q.push(i);
    REQUIRE(q.pop() == next_out++);
  }
  REQUIRE(q.capacity() == capacity);
  REQUIRE(q.size() == 10);
}

TEST_CASE("ring queue for_each visits front to back") {
  RingQueue<int> q;
  for (int i = 0; i < 5; ++i) q.push(i * 10);
  q.pop();
  std::vector<int> seen;
  q.for_each([&](int v) { seen.push_back(v); });
  REQUIRE(seen == std::vector<int>{10, 20, 30, 40});
}
