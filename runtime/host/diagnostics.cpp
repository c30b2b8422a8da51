#include "host/diagnostics.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "lua/guard.hpp"
#include "runtime.hpp"
#include "host/source_names.hpp"

namespace plua::runtime {

std::string describe_task(const TaskLabel& label, const SourceNames& sources) {
  switch (label.kind) {
    case TaskLabel::Kind::Main: return "main chunk";
    case TaskLabel::Kind::Timeout: return fmt::format("timeout {} (created at {})", label.timer, sources.describe(label.origin));
    case TaskLabel::Kind::Interval: return fmt::format("interval {} (created at {})", label.timer, sources.describe(label.origin));
    case TaskLabel::Kind::Coroutine: return "coroutine woken by _PY.sleep";
    case TaskLabel::Kind::Input: return label.what != nullptr ? label.what : "input";
    case TaskLabel::Kind::Callback:
      return fmt::format("{} (created at {})", label.what != nullptr ? label.what : "callback", sources.describe(label.origin));
  }
  return "task";
}

void Diagnostics::warn_once(const std::string& key, const std::string& message) {
  if (!enabled_ || !warned_.insert(key).second) return;
  std::fflush(stdout);
  fmt::print(stderr, "plua: warning: {}\n", message);
  std::fflush(stderr);
}

void Diagnostics::task_ran(std::uint64_t ns, const TaskLabel& label, const SourceNames& sources) {
  if (!enabled_) return;
  // A task after the candidate in the same pass was ready all along.
  if (!long_task_.empty()) warn_long_task();
  if (ns < kLongTaskNs) return;
  long_task_ = describe_task(label, sources);
  long_task_ns_ = ns;
}

void Diagnostics::pass_ended(bool kept_waiting) {
  if (long_task_.empty()) return;
  if (kept_waiting) {
    warn_long_task();
  } else {
    long_task_.clear();
  }
}

void Diagnostics::warn_long_task() {
  const std::string task = std::move(long_task_);
  long_task_.clear();
  warn_once("long:" + task, fmt::format("{} ran for {:.2f} s without yielding and blocked the event loop; "
                                        "split the work with setTimeout or _PY.sleep",
                                        task, static_cast<double>(long_task_ns_) / 1e9));
}

namespace {

// Registry key of the weak table {coroutine -> "file:line" where created}.
constexpr const char* kCreatedKey = "plua.coroutines";

// Where the first Lua frame of `co` (level >= `level`) is, or "?".
std::string lua_location(lua_State* co, int level) {
  lua_Debug ar;
  for (; lua_getstack(co, level, &ar) != 0; ++level) {
    if (lua_getinfo(co, "Sl", &ar) != 0 && ar.currentline > 0) return fmt::format("{}:{}", ar.short_src, ar.currentline);
  }
  return "?";
}

// coroutine.create that remembers where each coroutine was created.
int checked_create(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State* co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, kCreatedKey);
  lua_pushvalue(L, -2);
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) != 0 && lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
    lua_pushfstring(L, "%s:%d", ar.short_src, ar.currentline);
  } else {
    lua_pushliteral(L, "?");
  }
  lua_rawset(L, -3);
  lua_pop(L, 1);
  return 1;
}

// coroutine.resume that surfaces a dead coroutine resumed from a timer
// callback, where the returned error is usually dropped.
int checked_resume(lua_State* L) {
  const int nargs = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, nargs, LUA_MULTRET);
  if (lua_toboolean(L, 1) || lua_gettop(L) < 2 || lua_type(L, 2) != LUA_TSTRING) return lua_gettop(L);
  if (std::string_view(lua_tostring(L, 2)) != "cannot resume dead coroutine") return lua_gettop(L);
  Runtime& rt = runtime_of(L);
  lua_State* task = rt.scheduler().running();
  const ThreadContext* context = task != nullptr ? context_of(task) : nullptr;
  if (context == nullptr || context->task == nullptr) return lua_gettop(L);
  const TaskLabel::Kind kind = context->task->label.kind;
  if (kind != TaskLabel::Kind::Timeout && kind != TaskLabel::Kind::Interval) return lua_gettop(L);
  return lua::after_cpp(L, [&] {
    const std::string where = lua_location(L, 1);
    rt.diagnostics().warn_once("dead:" + where,
                               fmt::format("{}: coroutine.resume of a dead coroutine in {} (it returns false, "
                                           "\"cannot resume dead coroutine\"); check coroutine.status first",
                                           where, describe_task(context->task->label, rt.sources())));
    return lua::pushed(lua_gettop(L));
  });
}

// coroutine.yield with a message that says what to do instead.
int checked_yield(lua_State* L) {
  if (!lua_isyieldable(L)) {
    return luaL_error(L,
                      "attempt to yield across a C-call boundary (a metamethod, table.sort comparator or "
                      "string.gsub callback cannot yield); use setTimeout to defer the work");
  }
  return lua_yield(L, lua_gettop(L));
}

int stranded_entry(lua_State* L) {
  auto* self = static_cast<Diagnostics*>(lua_touserdata(L, 1));
  lua_getfield(L, LUA_REGISTRYINDEX, kCreatedKey);
  if (!lua_istable(L, -1)) return 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_State* co = lua_tothread(L, -2);
    if (co != nullptr && lua_status(co) == LUA_YIELD) {
      const char* created = lua_tostring(L, -1);
      lua::after_cpp(L, [&] {
        const std::string where = lua_location(co, 0);
        self->warn_once(fmt::format("stranded:{}", created),
                        fmt::format("coroutine created at {} is suspended at {} and nothing can resume it; "
                                    "it will never finish",
                                    created, where));
        return lua::pushed(0);
      });
    }
    lua_pop(L, 1);
  }
  return 0;
}

}  // namespace

void Diagnostics::install(lua_State* L, bool warnings) {
  lua_getglobal(L, "coroutine");
  lua_pushcfunction(L, &checked_yield);
  lua_setfield(L, -2, "yield");
  lua_pop(L, 1);
  if (!warnings) return;

  lua_newtable(L);
  lua_newtable(L);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, kCreatedKey);

  lua_getglobal(L, "coroutine");
  lua_pushcfunction(L, &checked_create);
  lua_setfield(L, -2, "create");
  lua_getfield(L, -1, "resume");
  lua_pushcclosure(L, &checked_resume, 1);
  lua_setfield(L, -2, "resume");
  lua_pop(L, 1);
}

void Diagnostics::report_stranded_coroutines(lua_State* L) {
  if (!enabled_) return;
  lua_pushcfunction(L, &stranded_entry);
  lua_pushlightuserdata(L, this);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
}

}  // namespace plua::runtime
