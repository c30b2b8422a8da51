// End-to-end checks of the Runtime through its C++ API: ordering of timers
// and tasks, observed from a script that records what ran.

#include <catch2/catch.hpp>

#include "support/run_script.hpp"

using plua::test::run_script;

TEST_CASE("timers run by deadline, ties in creation order, after the main chunk") {
  // The trace is written when the main chunk ends, after its sleep: by
  // then every timer has run.
  const auto r = run_script(R"(
    trace = ""
    local function mark(s) return function() trace = trace .. s end end
    setTimeout(mark("c"), 20)
    setTimeout(mark("a"), 0)
    setTimeout(mark("b"), 0)
    setTimeout(mark("d"), 20)
    _PY.sleep(0.05)
    trace = trace .. "|"
  )");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.trace == "abcd|");
}

TEST_CASE("a bare yield requeues the main task behind ready timers") {
  const auto r = run_script(R"(
    trace = ""
    setTimeout(function() trace = trace .. "t" end, 0)
    trace = trace .. "1"
    coroutine.yield()
    trace = trace .. "2"
  )");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.trace == "1t2");
}

TEST_CASE("an error in a callback does not stop other timers; exit code 1") {
  const auto r = run_script(R"(
    trace = ""
    setTimeout(function() error("boom") end, 0)
    setTimeout(function() trace = trace .. "after" end, 1)
    _PY.sleep(0.02)
  )");
  REQUIRE(r.exit_code == 1);
  REQUIRE(r.trace == "after");
}
