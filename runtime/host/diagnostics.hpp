#pragma once
// Warnings about unsafe patterns (PLua's "future work", shipped): a task
// that blocks the loop, yields across a C boundary, coroutines left
// suspended forever, dead coroutines resumed from callbacks. Each warning
// is printed once per place, on stderr; --no-warnings silences them.

#include <lua.hpp>

#include <cstdint>
#include <string>
#include <unordered_set>

#include "tasks/task.hpp"

namespace plua::runtime {

class SourceNames;

class Diagnostics {
 public:
  static constexpr std::uint64_t kLongTaskNs = 1'000'000'000;

  explicit Diagnostics(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }

  // Prints "plua: warning: <message>" unless `key` was warned about before.
  void warn_once(const std::string& key, const std::string& message);

  // After a task ran for `ns` without yielding. A task over a second is
  // only a candidate: it is named once something was kept waiting by it
  // (the next task of the pass, or what pass_ended finds), so a CPU-bound
  // script with nothing else to do is not warned about.
  void task_ran(std::uint64_t ns, const TaskLabel& label, const SourceNames& sources);
  // After a pass of the queue: kept_waiting says whether a task was ready,
  // a timer overdue by more than a second or I/O in flight.
  void pass_ended(bool kept_waiting);
  bool has_long_task() const { return !long_task_.empty(); }

  // Replaces coroutine.yield with a version whose error says what to do,
  // and with warnings on, coroutine.create/resume with checking versions.
  // Call under lua_pcall at boot.
  static void install(lua_State* L, bool warnings);

  // At a natural end: warns about script coroutines still suspended.
  // Runs Lua under lua_pcall.
  void report_stranded_coroutines(lua_State* L);

 private:
  void warn_long_task();

  bool enabled_;
  std::unordered_set<std::string> warned_;
  std::string long_task_;  // the candidate's description, empty if none
  std::uint64_t long_task_ns_ = 0;
};

// "timeout 3 (created at t.lua:5)", "main chunk", ...: for messages.
std::string describe_task(const TaskLabel& label, const SourceNames& sources);

}  // namespace plua::runtime
