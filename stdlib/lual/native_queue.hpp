#pragma once
// lual's async queue in C++: records (logger id, level, time, format string
// and a packed copy of the arguments) in a FIFO of byte blocks, and the
// drain side for the common case: a string.format-compatible formatter for
// the usual conversions and text lines written straight to the outputs.
// Everything here is plain C++ (no Lua calls); lual.native binds it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct luaL_Stream;

namespace plua::stdlib {

class FileSink;

// One packed argument of a queued message (only values that cannot change
// after the call: nil, booleans, numbers, strings).
struct PackedArg {
  enum class Kind : std::uint8_t { Nil, False, True, Integer, Float, String };
  Kind kind = Kind::Nil;
  std::int64_t i = 0;
  double f = 0;
  std::string_view s;
};

// Formats like Lua 5.4's string.format for %d %i %c %o %x %X %e %E %f %g
// %G %s %% with the flags, width and precision Lua accepts for them. Returns
// false (out unspecified) when the format needs Lua itself: %q, %a, an
// argument Lua would convert or reject, a missing argument, anything odd.
bool lua_format(std::string& out, std::string_view fmt, const PackedArg* args,
                std::size_t nargs);

// Appends `s` as lual's json presenter writes a string: in quotes, with
// backslash escapes for the quote, the backslash, b f n r t, and \u00XX for
// the other control bytes (0x00-0x1f, 0x7f); other bytes as they are.
void append_json_string(std::string& out, std::string_view s);

// The queue. Entries are variable-size records laid out back to back in
// blocks; the oldest is at the front.
class LogQueue {
 public:
  enum class Kind : std::uint8_t { Packed, LuaEntry };

  struct Head {
    std::int64_t time;
    double level;
    std::uint32_t size;    // bytes of the whole entry, a multiple of 8
    std::uint32_t logger;  // logger id (lual keeps id -> logger)
    std::uint32_t aux;     // Packed: format length; LuaEntry: entry key
    std::uint8_t nargs;
    Kind kind;
    bool level_int;  // the level was a Lua integer
    std::uint8_t pad;
  };
  static_assert(sizeof(Head) == 32);

  // Where a line goes: a Lua file handle (its luaL_Stream) or a FileSink
  // (the slot of its userdata). The Lua side keeps both objects alive.
  struct Target {
    luaL_Stream* stream = nullptr;
    FileSink** sink = nullptr;
    std::string pending;  // sink bytes gathered during one drain
  };
  // How a line shows the time: text presenters' "2024-01-31 12:00:00",
  // json's "2024-01-31T12:00:00" (+ "Z" in UTC); local time or UTC.
  enum class StampKind : std::uint8_t { TextLocal, TextUtc, IsoLocal, IsoUtc };
  // One line of one record, to a target: pre + stamp + mid + message +
  // post, the message as a JSON string when `json`.
  struct Line {
    StampKind stamp;
    bool json;
    std::string pre, mid, post;
  };
  struct Emit {
    Line line;
    std::size_t target;
  };
  struct Route {
    bool slow = true;  // the record must be delivered by Lua
    std::vector<Emit> emits;
  };

  enum class Stop { Done, NeedRoute, Slow };

  LogQueue();
  LogQueue(const LogQueue&) = delete;
  LogQueue& operator=(const LogQueue&) = delete;

  std::size_t size() const { return count_; }

  // Space for an entry of `payload` bytes after the head; nullptr when
  // memory ran out. The caller fills the head and payload, then commit().
  Head* reserve(std::size_t payload) noexcept;
  void commit() { ++count_; }
  const Head& front() const;
  void pop_front();

  // Payload access for a Packed entry: the format and the arguments.
  static std::string_view format_of(const Head& h);
  // Unpacks the arguments of a Packed entry into `out` (nargs items).
  static void args_of(const Head& h, PackedArg* out);

  // Routes: what the drain does with (logger, level). clear_routes() forgets
  // them all (configuration changed). set_route() registers one, slow (Lua
  // delivers those records) or fast with no lines yet; add_emit() adds a
  // line to a fast route. False when out of memory.
  void clear_routes() noexcept;
  bool set_route(std::uint32_t logger, double level, bool slow) noexcept;
  bool add_emit(std::uint32_t logger, double level, StampKind stamp, bool json,
                std::string_view pre, std::string_view mid, std::string_view post,
                luaL_Stream* stream, FileSink** sink) noexcept;

  // Writes up to `max` records from the front whose routes are known and
  // fast; stops early at a record Lua must handle. `done` gets the count.
  Stop drain(std::size_t max, std::size_t& done) noexcept;

 private:
  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t cap = 0;
    std::size_t head = 0;  // read offset
    std::size_t tail = 0;  // write offset
  };
  struct RouteKey {
    std::uint32_t logger;
    std::uint64_t level_bits;
    bool operator==(const RouteKey&) const = default;
  };
  struct RouteKeyHash {
    std::size_t operator()(const RouteKey& k) const {
      return std::hash<std::uint64_t>{}(k.level_bits * 0x9E3779B97F4A7C15ull ^ k.logger);
    }
  };
  static RouteKey route_key(std::uint32_t logger, double level);
  const Route* find_route(std::uint32_t logger, double level);
  bool target_index(luaL_Stream* stream, FileSink** sink, std::size_t& index);
  bool write_record(const Head& h, const Route& r);
  bool target_ok(const Target& t) const;
  void flush_sinks() noexcept;
  std::string_view stamp(std::int64_t t, StampKind kind);

  std::deque<Block> blocks_;
  Block spare_;
  std::size_t count_ = 0;

  std::vector<Route> routes_;
  std::vector<Target> targets_;
  std::unordered_map<RouteKey, std::size_t, RouteKeyHash> route_index_;
  RouteKey last_key_{};
  const Route* last_route_ = nullptr;

  std::string msg_;   // the message of the record being written
  std::string line_;  // its line
  std::vector<PackedArg> args_;
  struct Stamp {
    std::int64_t t = INT64_MIN;
    char text[32] = {};
    std::size_t len = 0;
  };
  Stamp stamps_[4];  // by StampKind
};

}  // namespace plua::stdlib
