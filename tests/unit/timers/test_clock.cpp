// The run's clock (timers/clock.hpp): real, pinned and virtual time, and
// the start-time texts PLUA_TIME and the `time` header take.

#include <catch2/catch.hpp>
#include <uv.h>

#include <cmath>
#include <cstdlib>
#include <ctime>

#include "timers/clock.hpp"

using plua::runtime::Clock;
using plua::runtime::parse_start_time;

namespace {

struct Loop {
  uv_loop_t loop{};
  Loop() { REQUIRE(uv_loop_init(&loop) == 0); }
  ~Loop() { uv_loop_close(&loop); }
};

double system_seconds() {
  uv_timeval64_t tv{};
  uv_gettimeofday(&tv);
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

}  // namespace

TEST_CASE("a real clock is libuv's loop time and the system's wall clock") {
  Loop l;
  Clock clock(&l.loop);
  REQUIRE_FALSE(clock.is_virtual());
  REQUIRE_FALSE(clock.altered());
  REQUIRE(clock.now_ms() == uv_now(&l.loop));
  REQUIRE(std::fabs(clock.wall_seconds() - system_seconds()) < 1.0);
}

TEST_CASE("pinning shifts the wall clock, not the loop time") {
  Loop l;
  Clock clock(&l.loop);
  clock.pin(1'000'000'000.0);
  REQUIRE(clock.altered());
  REQUIRE(std::fabs(clock.wall_seconds() - 1'000'000'000.0) < 1.0);
  REQUIRE(clock.now_ms() == uv_now(&l.loop));
}

TEST_CASE("a virtual clock stands still until it is advanced, never backwards") {
  Loop l;
  Clock clock(&l.loop);
  clock.pin(1'700'000'000.25);
  const std::uint64_t start = clock.now_ms();
  clock.make_virtual();
  REQUIRE(clock.is_virtual());
  REQUIRE(clock.now_ms() == start);
  // from a whole second, so fractions are the same on every run
  REQUIRE(clock.wall_us() == 1'700'000'000'000'000);
  clock.advance_to(start + 90'500);
  REQUIRE(clock.now_ms() == start + 90'500);
  REQUIRE(clock.wall_us() == 1'700'000'090'500'000);
  clock.advance_to(start + 10);
  REQUIRE(clock.now_ms() == start + 90'500);
  clock.make_virtual();  // idempotent
  REQUIRE(clock.now_ms() == start + 90'500);
}

TEST_CASE("pinning a virtual clock moves its wall clock only") {
  Loop l;
  Clock clock(&l.loop);
  clock.make_virtual();
  const std::uint64_t at = clock.now_ms();
  clock.pin(86'400.0);
  REQUIRE(clock.wall_us() == 86'400'000'000);
  clock.advance_to(at + 1000);
  REQUIRE(clock.wall_us() == 86'401'000'000);
}

TEST_CASE("start times: epoch seconds, dates, dates with times, times of today") {
  setenv("TZ", "UTC", 1);
  tzset();
  REQUIRE(parse_start_time("1700000000") == 1700000000.0);
  REQUIRE(parse_start_time("2026-03-14") == 1773446400.0);
  REQUIRE(parse_start_time("2026-03-14 21:30:00") == 1773523800.0);
  REQUIRE(parse_start_time("2026/03/14T21:30") == 1773523800.0);
  REQUIRE(parse_start_time("2026-3-4 1:05") == parse_start_time("2026-03-04 01:05:00"));
  const auto today = parse_start_time("12:00");
  REQUIRE(today);
  const std::time_t t = static_cast<std::time_t>(*today);
  std::tm tm{};
  gmtime_r(&t, &tm);
  REQUIRE(tm.tm_hour == 12);
  REQUIRE(std::fabs(*today - static_cast<double>(std::time(nullptr))) < 86'400.0);
  for (const char* bad : {"", "noon", "25:00", "12:60", "1969-01-01", "2026-13-01", "2026-01-01 12", "2026-01-01x",
                          "1234567890123"}) {
    INFO(bad);
    REQUIRE_FALSE(parse_start_time(bad));
  }
}
