#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "lua/args.hpp"
#include "lua/state.hpp"

namespace {

// Calls one helper on the argument `value` under lua_pcall and returns its
// result, or the error message.
struct Outcome {
  bool ok;
  std::uint64_t value;
  std::string error;
};

template <std::uint64_t (*Helper)(lua_State*, int)>
int call_helper(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(Helper(L, 1)));
  return 1;
}

int call_callable(lua_State* L) {
  plua::lua::check_callable(L, 1);
  return 0;
}

Outcome run(lua_CFunction f, const char* value_code) {
  plua::lua::StatePtr state(luaL_newstate());
  lua_State* L = state.get();
  luaL_openlibs(L);
  lua_pushcfunction(L, f);
  lua_setglobal(L, "setTimeout");  // name used in argument errors
  const std::string code = std::string("return setTimeout(") + value_code + ")";
  if (luaL_dostring(L, code.c_str()) != LUA_OK) return {false, 0, lua_tostring(L, -1)};
  return {true, static_cast<std::uint64_t>(lua_tointeger(L, -1)), {}};
}

}  // namespace

TEST_CASE("delays: nil, negative and NaN are 0, fractions truncate, huge is never") {
  auto delay = &call_helper<plua::lua::opt_delay_ms>;
  REQUIRE(run(delay, "").value == 0);
  REQUIRE(run(delay, "nil").value == 0);
  REQUIRE(run(delay, "-5").value == 0);
  REQUIRE(run(delay, "0/0").value == 0);
  REQUIRE(run(delay, "12.9").value == 12);
  REQUIRE(run(delay, "math.huge").value == static_cast<std::uint64_t>(plua::lua::kNeverMs));
  REQUIRE(run(delay, "1e300").value == static_cast<std::uint64_t>(plua::lua::kNeverMs));
}

TEST_CASE("delays: a non-number is a typed argument error") {
  const auto outcome = run(&call_helper<plua::lua::opt_delay_ms>, "'10'");
  REQUIRE_FALSE(outcome.ok);
  REQUIRE(outcome.error == "[string \"return setTimeout('10')\"]:1: bad argument #1 to 'setTimeout' (number expected, got string)");
}

TEST_CASE("seconds convert to milliseconds") {
  auto seconds = &call_helper<plua::lua::check_seconds_as_ms>;
  REQUIRE(run(seconds, "0.25").value == 250);
  REQUIRE(run(seconds, "-1").value == 0);
  REQUIRE_FALSE(run(seconds, "{}").ok);
}

TEST_CASE("timer ids: integers >= 1, anything else numeric is 0, other types raise") {
  auto id = &call_helper<plua::lua::opt_timer_id>;
  REQUIRE(run(id, "7").value == 7);
  REQUIRE(run(id, "7.0").value == 7);
  REQUIRE(run(id, "7.5").value == 0);
  REQUIRE(run(id, "0").value == 0);
  REQUIRE(run(id, "-3").value == 0);
  REQUIRE(run(id, "nil").value == 0);
  const auto outcome = run(id, "'x'");
  REQUIRE_FALSE(outcome.ok);
  REQUIRE(outcome.error.find("bad argument #1 to 'setTimeout' (timer id expected, got string)") != std::string::npos);
}

TEST_CASE("callables: functions and __call tables pass, others raise") {
  REQUIRE(run(&call_callable, "print").ok);
  REQUIRE(run(&call_callable, "setmetatable({}, {__call = print})").ok);
  const auto outcome = run(&call_callable, "nil");
  REQUIRE_FALSE(outcome.ok);
  REQUIRE(outcome.error.find("bad argument #1 to 'setTimeout' (function expected, got nil)") != std::string::npos);
}
