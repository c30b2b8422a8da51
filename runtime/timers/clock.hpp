#pragma once
// The run's clock: what timers, _PY.sleep, _PY.get_time/milli_time and
// os.time/os.date read (os.clock stays the CPU clock).
//
// Real (the default): loop time is libuv's (uv_now), the wall clock the
// system's, shifted when a start time is pinned (PLUA_TIME, a QuickApp's
// `time` header).
//
// Virtual (--speed H, a QuickApp's `speed` header, the QuickApp test
// helper): time stands still while a task runs and while real I/O is in
// flight, and the loop moves it to the next deadline whenever nothing is
// ready (Runtime::run_loop). So hours of timers run as fast as their
// callbacks do, and a script with the same start time has the same
// timeline, and output, on every run. Loop time continues from where the
// real clock was when the clock turned virtual, so timers created before
// keep their place.

#include <uv.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace plua::runtime {

class Clock {
 public:
  explicit Clock(uv_loop_t* loop) : loop_(loop) {}

  // Loop time in ms: the timers' time line.
  std::uint64_t now_ms() const { return virtual_ ? virtual_ms_ : uv_now(loop_); }
  // Microseconds since the epoch; wall_seconds() with a fraction.
  std::int64_t wall_us() const;
  double wall_seconds() const { return static_cast<double>(wall_us()) / 1e6; }
  // Whether the wall clock differs from the system's (os.time and os.date
  // then read this one).
  bool altered() const { return virtual_ || pinned_; }

  // The wall clock reads `epoch_seconds` now, and runs on from there.
  void pin(double epoch_seconds);
  // Turns virtual (idempotent). The wall clock goes on from the current
  // whole second, so fractions do not differ between runs.
  void make_virtual();
  bool is_virtual() const { return virtual_; }
  // Virtual only: moves loop time forward to `ms` (never backwards).
  void advance_to(std::uint64_t ms) {
    if (ms > virtual_ms_) virtual_ms_ = ms;
  }

 private:
  static std::int64_t system_us();

  uv_loop_t* loop_;
  bool virtual_ = false;
  bool pinned_ = false;
  std::int64_t offset_us_ = 0;     // real: wall = system + offset
  std::uint64_t virtual_ms_ = 0;   // virtual: loop time
  std::uint64_t base_ms_ = 0;      // virtual: wall = base wall + (virtual_ms_ - base_ms_) ms
  std::int64_t base_wall_us_ = 0;
};

// The forms parse_start_time reads, for messages.
inline constexpr const char* kStartTimeForms = "YYYY-MM-DD HH:MM:SS, HH:MM:SS or epoch seconds";

// A start time as PLUA_TIME and the `time` header write it:
// "YYYY-MM-DD[ HH:MM[:SS]]" (or '/' and 'T'), "HH:MM[:SS]" (today) or
// seconds since the epoch, in local time. nullopt if it is none of them.
std::optional<double> parse_start_time(std::string_view text);

}  // namespace plua::runtime
