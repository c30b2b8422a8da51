// End-to-end checks of the Runtime through its C++ API: ordering of timers
// and tasks, observed from a script that records what ran.

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <fstream>
#include <string>

#include "runtime.hpp"

namespace {

// Runs `code` as the script and returns the value of the global `trace`
// (a string the script builds) and the exit code.
struct Result {
  int exit_code;
  std::string trace;
};

Result run_script(const std::string& code) {
  char path[] = "/tmp/plua-unit-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << code << "\nio.open(os.getenv('PLUA_UNIT_OUT'), 'w'):write(trace):close()\n";
  const std::string out = std::string(path) + ".out";
  setenv("PLUA_UNIT_OUT", out.c_str(), 1);
  plua::runtime::Options options;
  options.script = path;
  options.argv = {"plua", path};
  options.script_index = 1;
  Result result{};
  {
    plua::runtime::Runtime runtime(std::move(options));
    result.exit_code = runtime.run();
  }
  std::ifstream in(out);
  std::getline(in, result.trace, '\0');
  std::remove(path);
  std::remove(out.c_str());
  return result;
}

}  // namespace

TEST_CASE("timers run by deadline, ties in creation order, after the main chunk") {
  // The final write runs at the end of the main chunk, so the timers report
  // through a last timer that writes the trace itself.
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

TEST_CASE("posted jobs run as tasks in queue order, after what was queued before them") {
  // A job enters the ready queue when it is posted; a timer when the loop
  // collects it as due, after the running pass: so the jobs posted by the
  // main chunk run before the 0 ms timeout, and a job posted by a job runs
  // behind the timer that was collected meanwhile.
  // plua.fibaro.tasks.post is Scheduler::post seen from Lua.
  const auto r = run_script(R"(
    trace = ""
    local post = require("plua.fibaro.tasks").post
    setTimeout(function() trace = trace .. "t" end, 0)
    post(function() trace = trace .. "1" end, "action")
    post(function()
      trace = trace .. "2"
      post(function() trace = trace .. "4" end, "ui")  -- behind the jobs already queued
    end, "action")
    post(function() _PY.sleep(0.001); trace = trace .. "3" end, "ui")  -- posted tasks may yield
    trace = trace .. "m"
    _PY.sleep(0.02)
  )");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.trace == "m12t43");
}
