// lual.native.queue(capacity, batch_size, overflow) -> queue: lual's async
// queue (see native_queue.hpp). The two hot calls are closures bound to
// the queue, so that they skip the userdata check:
//   push = q:pusher();  push(logger_id, level, time|nil, fmt, ...) -> code
//     queued, batch_ready (queued, and a batch is ready), full ("block":
//     nothing queued, nothing counted), needs_entry (not packable: a Lua
//     entry is needed, which q:push_entry(logger_id, level, entry) takes,
//     with the same codes).
//   drain = q:drainer();  drain(max) -> done, stop
//     stop: drained, needs_route (the front record needs a route:
//     q:front()), needs_lua (the front record must be delivered by Lua:
//     q:pop()).
// The codes are lual.native.codes; lual/init.lua names them too.
// Thin C functions: arguments are read first, then noexcept C++ calls; no
// object with a destructor lives across a call that can raise a Lua error.

#include <lua.hpp>

#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include "lual/native_queue.hpp"
#include "lua/guard.hpp"
#include "runtime.hpp"

namespace plua::stdlib {

extern const char* const kLualSinkType;

namespace {

constexpr const char* kQueueType = "plua.lual.Queue";
constexpr int kMaxPackedArgs = 255;

enum class Overflow { DropOldest, DropNewest, Block };

// The userdata. User values: 1 = key -> Lua entry, 2 = targets kept alive.
struct QueueBox {
  LogQueue* q;
  std::size_t capacity;
  std::size_t batch;
  Overflow overflow;
  lua_Integer submitted;
  lua_Integer overflows;
  lua_Integer dropped;
  std::uint32_t next_key;
};

QueueBox& check_box(lua_State* L) {
  auto* b = static_cast<QueueBox*>(luaL_checkudata(L, 1, kQueueType));
  if (b->q == nullptr) luaL_error(L, "lual queue is closed");
  return *b;
}

// What push and push_entry return (lual.native.codes).
enum PushCode : int { kQueued = 0, kBatchReady = 1, kFull = 2, kNeedsEntry = 3 };

int result(lua_State* L, PushCode code) {
  lua_pushinteger(L, code);
  return 1;
}

// Drops the front record; a Lua entry leaves the entries table.
void drop_front(lua_State* L, int box, QueueBox& b) {
  const LogQueue::Head& h = b.q->front();
  if (h.kind == LogQueue::Kind::LuaEntry) {
    lua_getiuservalue(L, box, 1);
    lua_pushnil(L);
    lua_rawseti(L, -2, h.aux);
    lua_pop(L, 1);
  }
  b.q->pop_front();
}

// The overflow policy before one record is queued: -1 to queue it, else
// the code to return.
int make_room(lua_State* L, int box, QueueBox& b) {
  if (b.q->size() < b.capacity) return -1;
  switch (b.overflow) {
    case Overflow::Block:
      return kFull;
    case Overflow::DropNewest:
      ++b.submitted;
      ++b.overflows;
      ++b.dropped;
      return kQueued;
    case Overflow::DropOldest:
      ++b.overflows;
      ++b.dropped;
      drop_front(L, box, b);
      return -1;
  }
  return -1;
}

// Logger id and level from the stack at `id` and `id + 1`.
void fill_head(lua_State* L, LogQueue::Head& h, int id, std::int64_t t) {
  h.time = t;
  h.level = lua_tonumber(L, id + 1);
  h.level_int = lua_isinteger(L, id + 1) != 0;
  h.logger = static_cast<std::uint32_t>(lua_tointeger(L, id));
  h.pad = 0;
}

// push(logger_id, level, time|nil, fmt, ...) -> code; upvalue 1: the box
int queue_push(lua_State* L) {
  auto& b = *static_cast<QueueBox*>(lua_touserdata(L, lua_upvalueindex(1)));
  const int top = lua_gettop(L);
  if (b.q == nullptr || top < 4 || lua_type(L, 4) != LUA_TSTRING || top - 4 > kMaxPackedArgs) {
    return result(L, kNeedsEntry);
  }
  std::size_t fmt_len = 0;
  const char* fmt = lua_tolstring(L, 4, &fmt_len);
  std::size_t payload = fmt_len;
  for (int i = 5; i <= top; ++i) {
    switch (lua_type(L, i)) {
      case LUA_TNIL:
      case LUA_TBOOLEAN:
        payload += 1;
        break;
      case LUA_TNUMBER:
        payload += 1 + 8;
        break;
      case LUA_TSTRING: {
        std::size_t len = 0;
        lua_tolstring(L, i, &len);
        if (len > UINT32_MAX) return result(L, kNeedsEntry);
        payload += 1 + 4 + len;
        break;
      }
      default:
        return result(L, kNeedsEntry);  // tables and the like: captured by Lua
    }
  }
  std::int64_t t = 0;
  if (lua_isnil(L, 3)) {
    // The run's clock: virtual under --speed, pinned by PLUA_TIME.
    t = runtime::runtime_of(L).clock().wall_us() / 1'000'000;
  } else {
    int ok = 0;
    t = lua_tointegerx(L, 3, &ok);
    if (!ok) return result(L, kNeedsEntry);
  }
  const int room = make_room(L, lua_upvalueindex(1), b);
  if (room >= 0) return result(L, static_cast<PushCode>(room));
  LogQueue::Head* h = b.q->reserve(payload);
  if (h == nullptr) lua::raise_out_of_memory(L);
  fill_head(L, *h, 1, t);
  h->kind = LogQueue::Kind::Packed;
  h->aux = static_cast<std::uint32_t>(fmt_len);
  h->nargs = static_cast<std::uint8_t>(top - 4);
  auto* p = reinterpret_cast<unsigned char*>(h + 1);
  std::memcpy(p, fmt, fmt_len);
  p += fmt_len;
  for (int i = 5; i <= top; ++i) {
    switch (lua_type(L, i)) {
      case LUA_TNIL:
        *p++ = static_cast<unsigned char>(PackedArg::Kind::Nil);
        break;
      case LUA_TBOOLEAN:
        *p++ = static_cast<unsigned char>(lua_toboolean(L, i) ? PackedArg::Kind::True
                                                              : PackedArg::Kind::False);
        break;
      case LUA_TNUMBER:
        if (lua_isinteger(L, i)) {
          *p++ = static_cast<unsigned char>(PackedArg::Kind::Integer);
          const std::int64_t v = lua_tointeger(L, i);
          std::memcpy(p, &v, sizeof v);
        } else {
          *p++ = static_cast<unsigned char>(PackedArg::Kind::Float);
          const double v = lua_tonumber(L, i);
          std::memcpy(p, &v, sizeof v);
        }
        p += 8;
        break;
      default: {  // string
        std::size_t len = 0;
        const char* s = lua_tolstring(L, i, &len);
        *p++ = static_cast<unsigned char>(PackedArg::Kind::String);
        const auto len32 = static_cast<std::uint32_t>(len);
        std::memcpy(p, &len32, sizeof len32);
        p += sizeof len32;
        std::memcpy(p, s, len);
        p += len;
        break;
      }
    }
  }
  b.q->commit();
  ++b.submitted;
  return result(L, b.q->size() >= b.batch ? kBatchReady : kQueued);
}

// q:push_entry(logger_id, level, entry) -> code (as push)
int queue_push_entry(lua_State* L) {
  QueueBox& b = check_box(L);
  luaL_checkinteger(L, 2);
  luaL_checknumber(L, 3);
  luaL_checkany(L, 4);
  const int room = make_room(L, 1, b);
  if (room >= 0) return result(L, static_cast<PushCode>(room));
  LogQueue::Head* h = b.q->reserve(0);
  if (h == nullptr) lua::raise_out_of_memory(L);
  fill_head(L, *h, 2, 0);
  const std::uint32_t key = ++b.next_key;
  h->kind = LogQueue::Kind::LuaEntry;
  h->aux = key;
  h->nargs = 0;
  b.q->commit();
  ++b.submitted;
  lua_getiuservalue(L, 1, 1);
  lua_pushvalue(L, 4);
  lua_rawseti(L, -2, key);
  lua_pop(L, 1);
  return result(L, b.q->size() >= b.batch ? kBatchReady : kQueued);
}

void push_level(lua_State* L, const LogQueue::Head& h) {
  if (h.level_int) {
    lua_pushinteger(L, static_cast<lua_Integer>(h.level));
  } else {
    lua_pushnumber(L, h.level);
  }
}

void push_arg(lua_State* L, const PackedArg& a) {
  switch (a.kind) {
    case PackedArg::Kind::Nil: lua_pushnil(L); break;
    case PackedArg::Kind::False: lua_pushboolean(L, 0); break;
    case PackedArg::Kind::True: lua_pushboolean(L, 1); break;
    case PackedArg::Kind::Integer: lua_pushinteger(L, a.i); break;
    case PackedArg::Kind::Float: lua_pushnumber(L, a.f); break;
    case PackedArg::Kind::String: lua_pushlstring(L, a.s.data(), a.s.size()); break;
  }
}

// q:pop() -> logger_id, level, time, fmt, nargs, args...  (a packed record)
//         -> logger_id, level, false, entry                (a Lua entry)
//         -> nothing when empty
int queue_pop(lua_State* L) {
  QueueBox& b = check_box(L);
  if (b.q->size() == 0) return 0;
  const LogQueue::Head& h = b.q->front();
  luaL_checkstack(L, h.nargs + 6, "too many arguments to log");
  lua_pushinteger(L, h.logger);
  push_level(L, h);
  if (h.kind == LogQueue::Kind::LuaEntry) {
    lua_pushboolean(L, 0);
    lua_getiuservalue(L, 1, 1);
    lua_rawgeti(L, -1, h.aux);
    lua_pushnil(L);
    lua_rawseti(L, -3, h.aux);
    lua_remove(L, -2);
    b.q->pop_front();
    return 4;
  }
  lua_pushinteger(L, h.time);
  const std::string_view fmt = LogQueue::format_of(h);
  lua_pushlstring(L, fmt.data(), fmt.size());
  lua_pushinteger(L, h.nargs);
  PackedArg args[kMaxPackedArgs];
  LogQueue::args_of(h, args);
  for (std::size_t i = 0; i < h.nargs; ++i) push_arg(L, args[i]);
  const int n = 5 + h.nargs;
  b.q->pop_front();
  return n;
}

// q:front() -> logger_id, level of the front record (nothing when empty)
int queue_front(lua_State* L) {
  QueueBox& b = check_box(L);
  if (b.q->size() == 0) return 0;
  lua_pushinteger(L, b.q->front().logger);
  push_level(L, b.q->front());
  return 2;
}

int queue_size(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check_box(L).q->size()));
  return 1;
}

// q:stats() -> submitted, overflows, dropped (counted by the queue)
int queue_stats(lua_State* L) {
  QueueBox& b = check_box(L);
  lua_pushinteger(L, b.submitted);
  lua_pushinteger(L, b.overflows);
  lua_pushinteger(L, b.dropped);
  return 3;
}

// q:count(submitted, overflows): adds to the counters (the block strategy
// and write-through are handled in Lua)
int queue_count(lua_State* L) {
  QueueBox& b = check_box(L);
  b.submitted += luaL_checkinteger(L, 2);
  b.overflows += luaL_checkinteger(L, 3);
  return 0;
}

int queue_reset_stats(lua_State* L) {
  QueueBox& b = check_box(L);
  b.submitted = b.overflows = b.dropped = 0;
  return 0;
}

int queue_clear_routes(lua_State* L) {
  QueueBox& b = check_box(L);
  b.q->clear_routes();
  lua_newtable(L);
  lua_setiuservalue(L, 1, 2);
  return 0;
}

// q:set_route(logger_id, level, slow)
int queue_set_route(lua_State* L) {
  QueueBox& b = check_box(L);
  const auto id = static_cast<std::uint32_t>(luaL_checkinteger(L, 2));
  const double level = luaL_checknumber(L, 3);
  const bool slow = lua_toboolean(L, 4) != 0;
  if (!b.q->set_route(id, level, slow)) lua::raise_out_of_memory(L);
  return 0;
}

// q:add_emit(logger_id, level, stamp, json, pre, mid, post, target) -> true,
// or false when the target is neither an open Lua file nor a sink (the
// route turns slow). stamp: "text" | "text_utc" | "iso" | "iso_utc".
int queue_add_emit(lua_State* L) {
  QueueBox& b = check_box(L);
  const auto id = static_cast<std::uint32_t>(luaL_checkinteger(L, 2));
  const double level = luaL_checknumber(L, 3);
  static const char* const stamps[] = {"text", "text_utc", "iso", "iso_utc", nullptr};
  const auto stamp = static_cast<LogQueue::StampKind>(luaL_checkoption(L, 4, nullptr, stamps));
  const bool json = lua_toboolean(L, 5) != 0;
  std::size_t pre_len = 0, mid_len = 0, post_len = 0;
  const char* pre = luaL_checklstring(L, 6, &pre_len);
  const char* mid = luaL_checklstring(L, 7, &mid_len);
  const char* post = luaL_checklstring(L, 8, &post_len);
  auto* stream = static_cast<luaL_Stream*>(luaL_testudata(L, 9, LUA_FILEHANDLE));
  auto** sink = static_cast<FileSink**>(luaL_testudata(L, 9, kLualSinkType));
  if (stream == nullptr && sink == nullptr) {
    b.q->set_route(id, level, true);
    lua_pushboolean(L, 0);
    return 1;
  }
  lua_getiuservalue(L, 1, 2);  // keep the target alive while routed
  lua_pushvalue(L, 9);
  lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2) + 1));
  lua_pop(L, 1);
  const bool ok = b.q->add_emit(id, level, stamp, json, {pre, pre_len}, {mid, mid_len},
                                {post, post_len}, stream, sink);
  lua_pushboolean(L, ok ? 1 : 0);
  return 1;
}

// drain(max) -> done, stop; upvalue 1: the box
int queue_drain(lua_State* L) {
  auto& b = *static_cast<QueueBox*>(lua_touserdata(L, lua_upvalueindex(1)));
  const lua_Integer max = luaL_checkinteger(L, 1);
  std::size_t done = 0;
  LogQueue::Stop stop = LogQueue::Stop::Done;
  if (b.q != nullptr && max > 0) stop = b.q->drain(static_cast<std::size_t>(max), done);
  lua_pushinteger(L, static_cast<lua_Integer>(done));
  lua_pushinteger(L, static_cast<lua_Integer>(stop));
  return 2;
}

int queue_pusher(lua_State* L) {
  check_box(L);
  lua_settop(L, 1);
  lua_pushcclosure(L, &queue_push, 1);
  return 1;
}

int queue_drainer(lua_State* L) {
  check_box(L);
  lua_settop(L, 1);
  lua_pushcclosure(L, &queue_drain, 1);
  return 1;
}

int queue_gc(lua_State* L) {
  auto* b = static_cast<QueueBox*>(luaL_checkudata(L, 1, kQueueType));
  delete b->q;
  b->q = nullptr;
  return 0;
}

// native.queue(capacity, batch_size, overflow) -> queue
int native_queue(lua_State* L) {
  const lua_Integer capacity = luaL_checkinteger(L, 1);
  const lua_Integer batch = luaL_checkinteger(L, 2);
  static const char* const strategies[] = {"drop_oldest", "drop_newest", "block", nullptr};
  const int overflow = luaL_checkoption(L, 3, "drop_oldest", strategies);
  luaL_argcheck(L, capacity >= 1, 1, "capacity must be positive");
  luaL_argcheck(L, batch >= 1, 2, "batch size must be positive");
  auto* b = static_cast<QueueBox*>(lua_newuserdatauv(L, sizeof(QueueBox), 2));
  *b = QueueBox{nullptr, static_cast<std::size_t>(capacity), static_cast<std::size_t>(batch),
                static_cast<Overflow>(overflow), 0, 0, 0, 0};
  luaL_setmetatable(L, kQueueType);
  lua_newtable(L);
  lua_setiuservalue(L, -2, 1);
  lua_newtable(L);
  lua_setiuservalue(L, -2, 2);
  b->q = new (std::nothrow) LogQueue();
  if (b->q == nullptr) lua::raise_out_of_memory(L);
  return 1;
}

struct FormatBuffer {
  std::string* text;
};

int format_buffer_gc(lua_State* L) {
  auto* b = static_cast<FormatBuffer*>(lua_touserdata(L, 1));
  delete b->text;
  b->text = nullptr;
  return 0;
}

// native.format(fmt, ...) -> string, or nil when Lua's string.format is
// needed (for tests: the C++ formatter against string.format)
// Upvalue 1: a FormatBuffer (a userdata, so the buffer is the state's and
// no C++ local with a destructor lives across the raising calls below).
int native_format(lua_State* L) {
  std::string& out = *static_cast<FormatBuffer*>(lua_touserdata(L, lua_upvalueindex(1)))->text;
  std::size_t fmt_len = 0;
  const char* fmt = luaL_checklstring(L, 1, &fmt_len);
  const int n = lua_gettop(L) - 1;
  luaL_argcheck(L, n <= 32, 34, "too many arguments");
  PackedArg args[32];
  for (int i = 0; i < n; ++i) {
    const int idx = i + 2;
    PackedArg& a = args[i];
    switch (lua_type(L, idx)) {
      case LUA_TNIL: a.kind = PackedArg::Kind::Nil; break;
      case LUA_TBOOLEAN:
        a.kind = lua_toboolean(L, idx) ? PackedArg::Kind::True : PackedArg::Kind::False;
        break;
      case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
          a.kind = PackedArg::Kind::Integer;
          a.i = lua_tointeger(L, idx);
        } else {
          a.kind = PackedArg::Kind::Float;
          a.f = lua_tonumber(L, idx);
        }
        break;
      case LUA_TSTRING: {
        std::size_t len = 0;
        const char* s = lua_tolstring(L, idx, &len);
        a.kind = PackedArg::Kind::String;
        a.s = {s, len};
        break;
      }
      default:
        return luaL_argerror(L, idx, "nil, boolean, number or string expected");
    }
  }
  bool ok = false;
  try {
    ok = lua_format(out, {fmt, fmt_len}, args, static_cast<std::size_t>(n));
  } catch (...) {
    ok = false;
  }
  if (!ok) return 0;
  lua_pushlstring(L, out.data(), out.size());
  return 1;
}

}  // namespace

// Adds queue() and format() to the module table on top of the stack.
void register_lual_queue(lua_State* L) {
  static const luaL_Reg methods[] = {
      {"pusher", &queue_pusher},
      {"drainer", &queue_drainer},
      {"push_entry", &queue_push_entry},
      {"pop", &queue_pop},
      {"front", &queue_front},
      {"size", &queue_size},
      {"stats", &queue_stats},
      {"count", &queue_count},
      {"reset_stats", &queue_reset_stats},
      {"clear_routes", &queue_clear_routes},
      {"set_route", &queue_set_route},
      {"add_emit", &queue_add_emit},
      {nullptr, nullptr},
  };
  if (luaL_newmetatable(L, kQueueType)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &queue_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, &native_queue);
  lua_setfield(L, -2, "queue");
  auto* buffer = static_cast<FormatBuffer*>(lua_newuserdatauv(L, sizeof(FormatBuffer), 0));
  buffer->text = nullptr;
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, &format_buffer_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  buffer->text = new (std::nothrow) std::string();
  if (buffer->text == nullptr) lua::raise_out_of_memory(L);
  lua_pushcclosure(L, &native_format, 1);
  lua_setfield(L, -2, "format");
  // The codes push and drain return, by name.
  lua_createtable(L, 0, 7);
  const struct {
    const char* name;
    int code;
  } codes[] = {{"queued", kQueued}, {"batch_ready", kBatchReady}, {"full", kFull}, {"needs_entry", kNeedsEntry},
               {"drained", static_cast<int>(LogQueue::Stop::Done)},
               {"needs_route", static_cast<int>(LogQueue::Stop::NeedRoute)},
               {"needs_lua", static_cast<int>(LogQueue::Stop::Slow)}};
  for (const auto& c : codes) {
    lua_pushinteger(L, c.code);
    lua_setfield(L, -2, c.name);
  }
  lua_setfield(L, -2, "codes");
}

}  // namespace plua::stdlib
