#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fibaro/boot/fibaro_boot.hpp"

using plua::runtime::Chunk;
using plua::stdlib::fibaro::Mode;
using plua::stdlib::fibaro::Plan;

namespace {

struct Planned {
  bool ok;
  Plan plan;
  std::vector<Chunk> chunks;
  std::string error;
};

Planned plan_for(const std::string& script, Mode mode, std::vector<std::string> headers = {}) {
  plua::runtime::Options run;
  run.script = "qa.lua";
  // no_api: these tests look at the chunks without the API server step.
  const plua::stdlib::fibaro::Options options{mode, std::move(headers), {}, {}, true};
  Planned p{false, {}, {Chunk{Chunk::Kind::Script, "@qa.lua", script}}, {}};
  p.ok = plan_fibaro(run, options, p.chunks, p.plan, p.error);
  return p;
}

}  // namespace

TEST_CASE("fibaro: on by itself only for headers plus the Fibaro API") {
  const auto qa = plan_for("--%%name:Q\nfunction QuickApp:onInit() end\n", Mode::Auto);
  REQUIRE(qa.ok);
  REQUIRE(qa.plan.enabled);
  REQUIRE(*qa.plan.headers.name == "Q");

  const auto plain = plan_for("--%%name:Coro\nprint('A')\n", Mode::Auto);
  REQUIRE(plain.ok);
  REQUIRE_FALSE(plain.plan.enabled);
  REQUIRE(plain.chunks.size() == 1);

  const auto no_headers = plan_for("fibaro.debug('x', 1)\n", Mode::Auto);
  REQUIRE_FALSE(no_headers.plan.enabled);

  const auto cli_header = plan_for("function QuickApp:onInit() end\n", Mode::Auto, {"name:FromCli"});
  REQUIRE(cli_header.plan.enabled);
  REQUIRE(*cli_header.plan.headers.name == "FromCli");
}

TEST_CASE("fibaro: --fibaro and --no-fibaro win over detection") {
  REQUIRE(plan_for("print(1)\n", Mode::On).plan.enabled);
  const auto off = plan_for("--%%name:Q\nfunction QuickApp:onInit() end\n", Mode::Off);
  REQUIRE(off.ok);
  REQUIRE_FALSE(off.plan.enabled);
  REQUIRE(off.chunks.size() == 1);
}

TEST_CASE("fibaro: the script is wrapped by the file-loading and start steps") {
  const auto qa = plan_for("--%%name:Q\nfunction QuickApp:onInit() end\n", Mode::Auto);
  REQUIRE(qa.chunks.size() == 3);
  REQUIRE(qa.chunks[0].chunkname == "=(fibaro files)");
  REQUIRE(qa.chunks[1].kind == Chunk::Kind::Script);
  REQUIRE(qa.chunks[2].chunkname == "=(fibaro start)");
}

TEST_CASE("fibaro: bad headers stop the run only when the emulation is on") {
  const auto bad = plan_for("--%%id:x\nfunction QuickApp:onInit() end\n", Mode::Auto);
  REQUIRE_FALSE(bad.ok);
  REQUIRE(bad.error == "qa.lua:1: header 'id' expects a positive integer, got 'x'");

  // A plain script's stray header is not the emulation's business.
  const auto plain = plan_for("--%%id:x\nprint(1)\n", Mode::Auto);
  REQUIRE(plain.ok);
  REQUIRE(plain.error.empty());

  const auto not_a_header = plan_for("--%%justtext\nfunction QuickApp:onInit() end\n", Mode::Auto);
  REQUIRE_FALSE(not_a_header.ok);
  REQUIRE(not_a_header.error == "qa.lua:1: header 'justtext' is not key:value");

  const auto cli = plan_for("print(1)\n", Mode::On, {"id:0"});
  REQUIRE_FALSE(cli.ok);
  REQUIRE(cli.error == "--header: header 'id' expects a positive integer, got '0'");
}
