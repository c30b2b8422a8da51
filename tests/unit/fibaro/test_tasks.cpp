// plua.fibaro.tasks, the Lua face of Scheduler::post: posted jobs keep
// queue order with timers.

#include <catch2/catch.hpp>

#include "modules.hpp"
#include "support/run_script.hpp"

namespace {

plua::runtime::Extensions with_stdlib() {
  return {plua::stdlib::bundled_modules(), plua::stdlib::bundled_c_modules(), {}, nullptr};
}

}  // namespace

TEST_CASE("posted jobs run as tasks in queue order, after what was queued before them") {
  // A job enters the ready queue when it is posted; a timer when the loop
  // collects it as due, after the running pass: so the jobs posted by the
  // main chunk run before the 0 ms timeout, and a job posted by a job runs
  // behind the timer that was collected meanwhile.
  // plua.fibaro.tasks.post is Scheduler::post seen from Lua.
  const auto r = plua::test::run_script(R"(
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
  )", with_stdlib());
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.trace == "m12t43");
}
