// End-to-end checks of the Runtime through its C++ API: ordering of timers
// and tasks, observed from a script that records what ran.

#include <catch2/catch.hpp>

#include <string>

#include "runtime.hpp"
#include "support/run_script.hpp"
#include "tasks/thread_context.hpp"

using plua::test::run_script;

namespace {

namespace rt = plua::runtime;

// A job posted by a libuv callback that runs before the poll phase (a 0 ms
// uv timer, as libcurl's timer is) while the loop has another event far
// ahead: the `witness` timer, due in 10 s. The poll must not wait for it.
struct EarlyPost final : rt::Service {
  explicit EarlyPost(rt::Runtime& runtime) : runtime(runtime) {}
  rt::Runtime& runtime;
  plua::uv::Handle<uv_timer_t> soon;
  plua::uv::Handle<uv_timer_t> witness;
  std::string* order = nullptr;

  static int job(lua_State*, void* self, std::uint64_t) {
    auto* s = static_cast<EarlyPost*>(self);
    *s->order += "job ";
    uv_timer_stop(s->witness.get());
    return -1;  // nothing for Lua to run
  }
  static void on_soon(uv_timer_t* timer) {
    auto* s = static_cast<EarlyPost*>(timer->data);
    s->runtime.scheduler().post(rt::Job{&job, s, 0, rt::TaskLabel{rt::TaskLabel::Kind::Callback, 0, {}, "early"}});
    s->runtime.remove_user_work();
  }
  static void on_witness(uv_timer_t* timer) { *static_cast<EarlyPost*>(timer->data)->order += "witness "; }
};

class EarlyPostBoot final : public rt::BootExtension {
 public:
  std::string order;
  bool plan(const rt::Options&, std::vector<rt::Chunk>&, std::string&) override { return true; }
  void install(lua_State* L) override {
    rt::Runtime& runtime = rt::runtime_of(L);
    EarlyPost& s = runtime.service<EarlyPost>();
    s.order = &order;
    REQUIRE(s.soon.init(uv_timer_init, runtime.loop()) == 0);
    REQUIRE(s.witness.init(uv_timer_init, runtime.loop()) == 0);
    s.soon.get()->data = &s;
    s.witness.get()->data = &s;
    uv_timer_start(s.soon.get(), &EarlyPost::on_soon, 0, 0);
    uv_timer_start(s.witness.get(), &EarlyPost::on_witness, 10000, 0);
    runtime.add_user_work();  // until the job is posted
  }
};

}  // namespace

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

TEST_CASE("a job posted by a libuv timer callback runs before the loop waits for later events") {
  EarlyPostBoot boot;
  const auto r = run_script("trace = ''", rt::Extensions{{}, {}, {&boot}, nullptr});
  REQUIRE(r.exit_code == 0);
  REQUIRE(boot.order == "job ");
}
