#include "timers/clock.hpp"

#include <cmath>
#include <ctime>

namespace plua::runtime {

std::int64_t Clock::system_us() {
  uv_timeval64_t tv{};
  uv_gettimeofday(&tv);
  return tv.tv_sec * 1'000'000 + tv.tv_usec;
}

std::int64_t Clock::wall_us() const {
  if (virtual_) return base_wall_us_ + static_cast<std::int64_t>(virtual_ms_ - base_ms_) * 1000;
  return system_us() + offset_us_;
}

void Clock::pin(double epoch_seconds) {
  pinned_ = true;
  const auto us = static_cast<std::int64_t>(std::llround(epoch_seconds * 1e6));
  if (virtual_) {
    base_wall_us_ = us;
    base_ms_ = virtual_ms_;
  } else {
    offset_us_ = us - system_us();
  }
}

void Clock::make_virtual() {
  if (virtual_) return;
  base_wall_us_ = wall_us() / 1'000'000 * 1'000'000;
  virtual_ms_ = base_ms_ = uv_now(loop_);
  virtual_ = true;
}

namespace {

// Up to `max` digits, at least one.
bool take_digits(std::string_view& s, std::size_t max, int& out) {
  std::size_t n = 0;
  out = 0;
  while (n < max && n < s.size() && s[n] >= '0' && s[n] <= '9') out = out * 10 + (s[n++] - '0');
  s.remove_prefix(n);
  return n > 0;
}

bool take_char(std::string_view& s, std::string_view allowed) {
  if (s.empty() || allowed.find(s.front()) == std::string_view::npos) return false;
  s.remove_prefix(1);
  return true;
}

// HH:MM[:SS]
bool take_clock(std::string_view& s, std::tm& tm) {
  int h = 0, m = 0, sec = 0;
  if (!take_digits(s, 2, h) || !take_char(s, ":") || !take_digits(s, 2, m)) return false;
  if (take_char(s, ":") && !take_digits(s, 2, sec)) return false;
  if (h > 23 || m > 59 || sec > 60) return false;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = sec;
  return true;
}

}  // namespace

std::optional<double> parse_start_time(std::string_view s) {
  if (!s.empty() && s.size() <= 12 && s.find_first_not_of("0123456789") == std::string_view::npos) {
    double seconds = 0;
    for (char c : s) seconds = seconds * 10 + (c - '0');
    return seconds;
  }
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  if (s.size() <= 8) {
    if (!take_clock(s, tm) || !s.empty()) return std::nullopt;
  } else {
    int y = 0, mo = 0, d = 0;
    if (!take_digits(s, 4, y) || !take_char(s, "-/") || !take_digits(s, 2, mo) || !take_char(s, "-/") ||
        !take_digits(s, 2, d)) {
      return std::nullopt;
    }
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    if (!s.empty() && !(take_char(s, " T") && take_clock(s, tm) && s.empty())) return std::nullopt;
  }
  tm.tm_isdst = -1;  // whatever the zone says for that day
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<double>(t);
}

}  // namespace plua::runtime
