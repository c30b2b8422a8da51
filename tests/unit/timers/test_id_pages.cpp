#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>

#include "timers/id_pages.hpp"

using plua::runtime::IdPages;

TEST_CASE("id pages find, update and erase across page boundaries") {
  IdPages<int> m;
  REQUIRE(m.find(1) == nullptr);
  REQUIRE(m.find(0) == nullptr);
  for (std::uint64_t id = 1; id <= 3000; ++id) m.insert(id, static_cast<int>(id) * 10);
  REQUIRE(m.size() == 3000);
  REQUIRE(*m.find(1023) == 10230);
  REQUIRE(*m.find(1024) == 10240);
  int* stable = m.find(5);
  m.insert(5000, 1);  // pointers stay valid when pages are added
  REQUIRE(stable == m.find(5));
  *m.find(2048) = 7;
  REQUIRE(*m.find(2048) == 7);
  // Emptying a whole page frees it; its ids are then simply missing.
  for (std::uint64_t id = 1024; id < 2048; ++id) REQUIRE(m.erase(id));
  REQUIRE(m.find(1500) == nullptr);
  REQUIRE_FALSE(m.erase(1500));
  REQUIRE(*m.find(2047 + 1) == 7);
  m.insert(1500, 3);  // a page can come back
  REQUIRE(*m.find(1500) == 3);
  REQUIRE(m.size() == 3000 - 1024 + 2);
}

TEST_CASE("id pages agree with std::map under random inserts and erases, for_each sees everything") {
  IdPages<std::uint32_t> m;
  std::map<std::uint64_t, std::uint32_t> reference;
  std::mt19937_64 rng(7);
  std::uint64_t next_id = 1;
  for (int step = 0; step < 300000; ++step) {
    if (rng() % 3 < 2) {
      const std::uint64_t id = next_id++;
      const auto value = static_cast<std::uint32_t>(rng());
      m.insert(id, value);
      reference[id] = value;
    } else if (!reference.empty()) {
      const std::uint64_t id = (rng() & 1) ? reference.begin()->first : 1 + rng() % next_id;
      REQUIRE(m.erase(id) == (reference.erase(id) == 1));
    }
    // Now and then, ids jump far ahead (a long-lived timer and a flood).
    if (step % 50000 == 0) next_id += 1'000'000;
  }
  REQUIRE(m.size() == reference.size());
  std::size_t seen = 0;
  m.for_each([&](std::uint64_t id, std::uint32_t value) {
    REQUIRE(reference.at(id) == value);
    ++seen;
  });
  REQUIRE(seen == reference.size());
  for (const auto& [id, value] : reference) REQUIRE(*m.find(id) == value);
}
