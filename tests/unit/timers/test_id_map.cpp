#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>

#include "timers/id_map.hpp"

using plua::runtime::IdMap;

TEST_CASE("id map finds, updates and erases") {
  IdMap<int> m;
  REQUIRE(m.find(1) == nullptr);
  m.insert(1, 10);
  m.insert(2, 20);
  REQUIRE(*m.find(1) == 10);
  *m.find(2) = 21;
  REQUIRE(*m.find(2) == 21);
  REQUIRE(m.erase(1));
  REQUIRE_FALSE(m.erase(1));
  REQUIRE(m.find(1) == nullptr);
  REQUIRE(m.size() == 1);
  REQUIRE(m.find(0) == nullptr);
}

TEST_CASE("id map agrees with std::map under random inserts and erases") {
  IdMap<std::uint32_t> m;
  std::map<std::uint64_t, std::uint32_t> reference;
  std::mt19937_64 rng(42);
  std::uint64_t next_id = 1;
  for (int step = 0; step < 200000; ++step) {
    const auto r = rng() % 3;
    if (r < 2) {
      const std::uint64_t id = next_id++;
      const auto value = static_cast<std::uint32_t>(rng());
      m.insert(id, value);
      reference[id] = value;
    } else if (!reference.empty()) {
      // Erase an id that exists half of the time, a random (maybe missing) one otherwise.
      const std::uint64_t id = (rng() & 1) ? reference.begin()->first : 1 + rng() % next_id;
      REQUIRE(m.erase(id) == (reference.erase(id) == 1));
    }
  }
  REQUIRE(m.size() == reference.size());
  for (const auto& [id, value] : reference) {
    const auto* found = m.find(id);
    REQUIRE(found != nullptr);
    REQUIRE(*found == value);
  }
  std::size_t visited = 0;
  m.for_each([&](std::uint64_t id, std::uint32_t value) {
    ++visited;
    REQUIRE(reference.at(id) == value);
  });
  REQUIRE(visited == reference.size());
}
