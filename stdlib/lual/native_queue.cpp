#include "lual/native_queue.hpp"

#include <lua.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>

#include "lual/native_sink.hpp"

namespace plua::stdlib {

namespace {

constexpr std::size_t kBlockSize = 64 * 1024;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_integer(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// A float as tostring() shows it: "%.14g", plus ".0" when that looks like
// an integer.
void append_float(std::string& out, double d) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.14g", d);
  if (n < 0) n = 0;
  const auto len = static_cast<std::size_t>(n);
  out.append(buf, len);
  if (std::strspn(buf, "-0123456789") == len) out.append(".0");
}

void append_tostring(std::string& out, const PackedArg& a) {
  switch (a.kind) {
    case PackedArg::Kind::Nil: out.append("nil"); break;
    case PackedArg::Kind::False: out.append("false"); break;
    case PackedArg::Kind::True: out.append("true"); break;
    case PackedArg::Kind::Integer: append_integer(out, a.i); break;
    case PackedArg::Kind::Float: append_float(out, a.f); break;
    case PackedArg::Kind::String: out.append(a.s); break;
  }
}

// luaL_checkinteger without string coercion: integers, and floats with an
// exact integer value.
bool to_integer(const PackedArg& a, std::int64_t& v) {
  if (a.kind == PackedArg::Kind::Integer) {
    v = a.i;
    return true;
  }
  if (a.kind != PackedArg::Kind::Float) return false;
  const double d = a.f;
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || std::floor(d) != d) {
    return false;
  }
  v = static_cast<std::int64_t>(d);
  return true;
}

bool to_number(const PackedArg& a, double& d) {
  if (a.kind == PackedArg::Kind::Integer) {
    d = static_cast<double>(a.i);
    return true;
  }
  if (a.kind != PackedArg::Kind::Float) return false;
  d = a.f;
  return true;
}

// The flags Lua 5.4 accepts per conversion, and whether it takes a
// precision; nullptr for conversions left to Lua.
const char* flags_for(char conv, bool& precision) {
  precision = true;
  switch (conv) {
    case 'c': precision = false; return "-";
    case 'd': case 'i': return "-+0 ";
    case 'o': case 'x': case 'X': return "-#0";
    case 'e': case 'E': case 'f': case 'g': case 'G': return "-+ #0";
    case 's': return "-";
    default: return nullptr;
  }
}

// snprintf with a checked, Lua-shaped specification; false if the result
// does not fit (Lua itself copes with those: leave them to it).
template <typename T>
bool append_printf(std::string& out, const char* spec, T value) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, spec, value);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof buf) return false;
  out.append(buf, static_cast<std::size_t>(n));
  return true;
}

// %s with a width and/or precision, as C's printf pads a string.
bool append_padded(std::string& out, const PackedArg& a, bool left, int width, int precision,
                   bool has_dot) {
  std::string text;
  append_tostring(text, a);
  if (text.find('\0') != std::string::npos) return false;  // Lua: "string contains zeros"
  if (!has_dot && text.size() >= 100) {  // Lua keeps long strings whole
    out.append(text);
    return true;
  }
  if (has_dot && text.size() > static_cast<std::size_t>(precision)) {
    text.resize(static_cast<std::size_t>(precision));
  }
  const std::size_t pad =
      text.size() < static_cast<std::size_t>(width) ? static_cast<std::size_t>(width) - text.size() : 0;
  if (!left) out.append(pad, ' ');
  out.append(text);
  if (left) out.append(pad, ' ');
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out.append(buf, 6);
        break;
      }
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

bool lua_format(std::string& out, std::string_view fmt, const PackedArg* args, std::size_t nargs) {
  out.clear();
  std::size_t argi = 0;
  std::size_t i = 0;
  const std::size_t n = fmt.size();
  while (i < n) {
    const void* pct = std::memchr(fmt.data() + i, '%', n - i);
    if (pct == nullptr) {
      out.append(fmt.substr(i));
      break;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(pct) - fmt.data());
    out.append(fmt.substr(i, at - i));
    i = at + 1;
    if (i >= n) return false;
    if (fmt[i] == '%') {
      out.push_back('%');
      ++i;
      continue;
    }
    // %[flags][width][.precision]conversion, each flag at most once
    const std::size_t start = i;
    while (i < n && fmt[i] != '\0' && std::strchr("-+ #0", fmt[i]) != nullptr) {
      if (fmt.substr(start, i - start).find(fmt[i]) != std::string_view::npos) return false;
      ++i;
    }
    const std::size_t flags_end = i;
    int width = 0;
    for (int d = 0; d < 2 && i < n && is_digit(fmt[i]); ++d) width = width * 10 + (fmt[i++] - '0');
    bool has_dot = false;
    int precision = 0;
    if (i < n && fmt[i] == '.') {
      has_dot = true;
      ++i;
      if (i >= n || !is_digit(fmt[i])) return false;
      for (int d = 0; d < 2 && i < n && is_digit(fmt[i]); ++d) {
        precision = precision * 10 + (fmt[i++] - '0');
      }
    }
    if (i >= n) return false;
    const char conv = fmt[i++];
    bool precision_ok = false;
    const char* allowed = flags_for(conv, precision_ok);
    if (allowed == nullptr || (has_dot && !precision_ok)) return false;
    for (std::size_t f = start; f < flags_end; ++f) {
      if (std::strchr(allowed, fmt[f]) == nullptr) return false;
    }
    if (argi >= nargs) return false;
    const PackedArg& a = args[argi++];
    const std::size_t spec_len = i - 1 - start;  // flags, width, precision
    if (spec_len == 0 && conv == 's') {
      append_tostring(out, a);
      continue;
    }
    if (spec_len == 0 && (conv == 'd' || conv == 'i')) {
      std::int64_t v = 0;
      if (!to_integer(a, v)) return false;
      append_integer(out, v);
      continue;
    }
    if (conv == 's') {
      const bool left = fmt.substr(start, flags_end - start).find('-') != std::string_view::npos;
      if (!append_padded(out, a, left, width, precision, has_dot)) return false;
      continue;
    }
    char spec[16];
    std::size_t k = 0;
    spec[k++] = '%';
    for (std::size_t f = start; f < i - 1; ++f) spec[k++] = fmt[f];
    if (conv == 'c') {
      std::int64_t v = 0;
      if (!to_integer(a, v)) return false;
      spec[k++] = 'c';
      spec[k] = '\0';
      if (!append_printf(out, spec, static_cast<int>(v))) return false;
    } else if (conv == 'd' || conv == 'i' || conv == 'o' || conv == 'x' || conv == 'X') {
      std::int64_t v = 0;
      if (!to_integer(a, v)) return false;
      spec[k++] = 'l';
      spec[k++] = 'l';
      spec[k++] = conv;
      spec[k] = '\0';
      if (!append_printf(out, spec, static_cast<long long>(v))) return false;
    } else {
      double d = 0;
      if (!to_number(a, d)) return false;
      spec[k++] = conv;
      spec[k] = '\0';
      if (!append_printf(out, spec, d)) return false;
    }
  }
  return true;
}

LogQueue::LogQueue() { ::tzset(); }

LogQueue::Head* LogQueue::reserve(std::size_t payload) noexcept {
  const std::size_t size = (sizeof(Head) + payload + 7) & ~static_cast<std::size_t>(7);
  if (size > UINT32_MAX) return nullptr;
  try {
    if (blocks_.empty() || blocks_.back().cap - blocks_.back().tail < size) {
      Block b;
      if (spare_.cap >= size) {
        b = std::move(spare_);
        spare_ = Block{};
      } else {
        b.cap = size > kBlockSize ? size : kBlockSize;
        b.data = std::make_unique<std::byte[]>(b.cap);
      }
      b.head = b.tail = 0;
      blocks_.push_back(std::move(b));
    }
  } catch (...) {
    return nullptr;
  }
  Block& b = blocks_.back();
  auto* h = reinterpret_cast<Head*>(b.data.get() + b.tail);
  b.tail += size;
  h->size = static_cast<std::uint32_t>(size);
  return h;
}

const LogQueue::Head& LogQueue::front() const {
  const Block& b = blocks_.front();
  return *reinterpret_cast<const Head*>(b.data.get() + b.head);
}

void LogQueue::pop_front() {
  Block& b = blocks_.front();
  b.head += front().size;
  --count_;
  if (b.head < b.tail) return;
  if (blocks_.size() == 1) {
    b.head = b.tail = 0;  // empty: reuse the block from its start
    return;
  }
  if (b.cap == kBlockSize && spare_.cap == 0) spare_ = std::move(b);
  blocks_.pop_front();
}

std::string_view LogQueue::format_of(const Head& h) {
  return {reinterpret_cast<const char*>(&h + 1), h.aux};
}

void LogQueue::args_of(const Head& h, PackedArg* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(&h + 1) + h.aux;
  for (std::size_t i = 0; i < h.nargs; ++i) {
    PackedArg& a = out[i];
    a.kind = static_cast<PackedArg::Kind>(*p++);
    switch (a.kind) {
      case PackedArg::Kind::Integer:
        std::memcpy(&a.i, p, sizeof a.i);
        p += sizeof a.i;
        break;
      case PackedArg::Kind::Float:
        std::memcpy(&a.f, p, sizeof a.f);
        p += sizeof a.f;
        break;
      case PackedArg::Kind::String: {
        std::uint32_t len = 0;
        std::memcpy(&len, p, sizeof len);
        p += sizeof len;
        a.s = {reinterpret_cast<const char*>(p), len};
        p += len;
        break;
      }
      default:
        break;
    }
  }
}

LogQueue::RouteKey LogQueue::route_key(std::uint32_t logger, double level) {
  RouteKey k{logger, 0};
  std::memcpy(&k.level_bits, &level, sizeof k.level_bits);
  return k;
}

void LogQueue::clear_routes() noexcept {
  routes_.clear();
  targets_.clear();
  route_index_.clear();
  last_route_ = nullptr;
}

const LogQueue::Route* LogQueue::find_route(std::uint32_t logger, double level) {
  const RouteKey key = route_key(logger, level);
  if (last_route_ != nullptr && key == last_key_) return last_route_;
  const auto it = route_index_.find(key);
  if (it == route_index_.end()) return nullptr;
  last_key_ = key;
  last_route_ = &routes_[it->second];
  return last_route_;
}

bool LogQueue::target_index(luaL_Stream* stream, FileSink** sink, std::size_t& index) {
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (targets_[i].stream == stream && targets_[i].sink == sink) {
      index = i;
      return true;
    }
  }
  Target t;
  t.stream = stream;
  t.sink = sink;
  targets_.push_back(std::move(t));
  index = targets_.size() - 1;
  return true;
}

bool LogQueue::set_route(std::uint32_t logger, double level, bool slow) noexcept {
  const RouteKey key = route_key(logger, level);
  try {
    const auto it = route_index_.find(key);
    if (it != route_index_.end()) {
      routes_[it->second] = Route{slow, {}};
    } else {
      routes_.reserve(routes_.size() + 1);
      route_index_.emplace(key, routes_.size());
      routes_.push_back(Route{slow, {}});
    }
  } catch (...) {
    route_index_.erase(key);
    return false;
  }
  last_route_ = nullptr;  // routes_ may have moved
  return true;
}

bool LogQueue::add_emit(std::uint32_t logger, double level, StampKind stamp, bool json,
                        std::string_view pre, std::string_view mid, std::string_view post,
                        luaL_Stream* stream, FileSink** sink) noexcept {
  const auto it = route_index_.find(route_key(logger, level));
  if (it == route_index_.end()) return false;
  Route& r = routes_[it->second];
  try {
    std::size_t target = 0;
    target_index(stream, sink, target);
    r.emits.push_back(
        Emit{Line{stamp, json, std::string(pre), std::string(mid), std::string(post)}, target});
  } catch (...) {
    r.slow = true;
    return false;
  }
  return true;
}

bool LogQueue::target_ok(const Target& t) const {
  if (t.stream != nullptr) return t.stream->closef != nullptr && t.stream->f != nullptr;
  return t.sink != nullptr && *t.sink != nullptr && (*t.sink)->is_open();
}

std::string_view LogQueue::stamp(std::int64_t t, StampKind kind) {
  Stamp& s = stamps_[static_cast<std::size_t>(kind)];
  if (s.t != t) {
    const auto tt = static_cast<std::time_t>(t);
    const bool utc = kind == StampKind::TextUtc || kind == StampKind::IsoUtc;
    const char* pattern = kind == StampKind::IsoUtc     ? "%Y-%m-%dT%H:%M:%SZ"
                          : kind == StampKind::IsoLocal ? "%Y-%m-%dT%H:%M:%S"
                                                        : "%Y-%m-%d %H:%M:%S";
    std::tm tm{};
    if ((utc ? ::gmtime_r(&tt, &tm) : ::localtime_r(&tt, &tm)) == nullptr) return {};
    s.len = std::strftime(s.text, sizeof s.text, pattern, &tm);
    if (s.len == 0) return {};
    s.t = t;
  }
  return {s.text, s.len};
}

bool LogQueue::write_record(const Head& h, const Route& r) {
  for (const Emit& e : r.emits) {
    if (!target_ok(targets_[e.target])) return false;
  }
  if (args_.size() < h.nargs) args_.resize(h.nargs);
  args_of(h, args_.data());
  if (!lua_format(msg_, format_of(h), args_.data(), h.nargs)) return false;
  for (const Emit& e : r.emits) {
    if (stamp(h.time, e.line.stamp).empty()) return false;
  }
  for (const Emit& e : r.emits) {
    const Line& l = e.line;
    line_.assign(l.pre);
    line_.append(stamp(h.time, l.stamp));
    line_.append(l.mid);
    if (l.json) {
      append_json_string(line_, msg_);
    } else {
      line_.append(msg_);
    }
    line_.append(l.post);
    line_.push_back('\n');
    Target& t = targets_[e.target];
    if (t.stream != nullptr) {
      std::fwrite(line_.data(), 1, line_.size(), t.stream->f);
    } else {
      t.pending.append(line_);
    }
  }
  return true;
}

void LogQueue::flush_sinks() noexcept {
  for (Target& t : targets_) {
    if (t.pending.empty()) continue;
    if (target_ok(t)) (*t.sink)->write(t.pending.data(), t.pending.size());
    t.pending.clear();
  }
}

LogQueue::Stop LogQueue::drain(std::size_t max, std::size_t& done) noexcept {
  done = 0;
  Stop stop = Stop::Done;
  try {
    while (done < max && count_ > 0) {
      const Head& h = front();
      if (h.kind != Kind::Packed) {
        stop = Stop::Slow;
        break;
      }
      const Route* r = find_route(h.logger, h.level);
      if (r == nullptr) {
        stop = Stop::NeedRoute;
        break;
      }
      if (r->slow || !write_record(h, *r)) {
        stop = Stop::Slow;
        break;
      }
      pop_front();
      ++done;
    }
  } catch (...) {
    stop = Stop::Slow;  // out of memory: Lua delivers this record
  }
  flush_sinks();
  return stop;
}

}  // namespace plua::stdlib
