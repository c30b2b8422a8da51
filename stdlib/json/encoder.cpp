#include "json/encoder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "json/null.hpp"
#include "json/text.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib::json {

namespace {

constexpr const char* kEncoderType = "plua.json.Encoder";
constexpr std::size_t kStackedValues = 1 << 16;

// One key of the object being written. A string key's bytes stay in the
// table (which is on the stack and not changed while it is written); a
// number key is written as text here. `slot` is where its value waits on
// the Lua stack.
// A huge object keeps the values of its first kStackedValues keys (or as
// many as the Lua stack holds) on the stack and looks the others up again
// by key (slot 0): the key's own value is kept for that.
struct Key {
  const char* text;
  std::uint32_t len;
  int slot;
  bool is_number;
  bool is_integer;
  lua_Integer integer;
  lua_Number real;
  char number[kNumberChars];

  const char* bytes() const { return is_number ? number : text; }
};

// Byte order (what Lua's < does for strings in the C locale); a number key
// and a string key with the same text keep a fixed order.
bool key_less(const Key& a, const Key& b) {
  const char* x = a.bytes();
  const char* y = b.bytes();
  // Most keys differ in their first byte: decide those without memcmp.
  if (a.len > 0 && b.len > 0 && x[0] != y[0]) return static_cast<unsigned char>(x[0]) < static_cast<unsigned char>(y[0]);
  const int c = std::memcmp(x, y, std::min(a.len, b.len));
  if (c != 0) return c < 0;
  if (a.len != b.len) return a.len < b.len;
  return a.is_number && !b.is_number;
}

// Everything an encode call works in, inside a userdata: the output, the
// keys of the objects being written (one stack of them for all levels) and
// the tables on the path from the root (cycle check). One is kept between
// calls (upvalue 2, `busy` while a call uses it) so that its buffers keep
// their capacity: a call then allocates nothing but its result.
struct Encoder {
  lua_State* L;
  char* out;
  std::size_t len;
  std::size_t cap;
  Key* keys;
  std::size_t nkeys;
  std::size_t keycap;
  const void** path;
  int depth;
  int pathcap;
  EncodeStyle style;
  bool any_marks;  // whether json.initArray marked any table (else no lookups)
  bool busy;       // the kept encoder, in use by a call
};

// A kept encoder gives back buffers above this after a call.
constexpr std::size_t kKeptBytes = 64 * 1024;

// Every error of the walk: the kept encoder is free again, then the error
// (a longjmp) leaves the call.
template <typename... Args>
[[noreturn]] void fail(Encoder& e, const char* format, Args... args) {
  e.busy = false;
  luaL_error(e.L, format, args...);
  std::abort();  // luaL_error does not return
}

void release(Encoder& e) {
  std::free(e.out);
  std::free(e.keys);
  std::free(e.path);
  e.out = nullptr;
  e.keys = nullptr;
  e.path = nullptr;
  e.cap = e.keycap = 0;
  e.pathcap = 0;
}

int encoder_gc(lua_State* L) {
  release(*static_cast<Encoder*>(luaL_checkudata(L, 1, kEncoderType)));
  return 0;
}

// Grows `data` (count elements of `size` bytes, room for cap) to hold at
// least `need`; raises "not enough memory" when it cannot.
template <typename T, typename N>
void grow(Encoder& e, T*& data, N& cap, std::size_t need) {
  std::size_t bigger = cap == 0 ? 16 : static_cast<std::size_t>(cap);
  while (bigger < need) bigger *= 2;
  void* p = std::realloc(data, bigger * sizeof(T));
  if (p == nullptr) {
    e.busy = false;
    lua::raise_out_of_memory(e.L);
  }
  data = static_cast<T*>(p);
  cap = static_cast<N>(bigger);
}

[[gnu::noinline]] void grow_out(Encoder& e, std::size_t n) { grow(e, e.out, e.cap, std::max<std::size_t>(e.len + n, 4096)); }

inline char* reserve(Encoder& e, std::size_t n) {
  if (e.cap - e.len < n) grow_out(e, n);
  return e.out + e.len;
}
inline void put(Encoder& e, const char* s, std::size_t n) {
  std::memcpy(reserve(e, n), s, n);
  e.len += n;
}
inline void put(Encoder& e, char c) {
  *reserve(e, 1) = c;
  e.len += 1;
}

void newline(Encoder& e, int depth) {
  const std::size_t n = 1 + 2 * static_cast<std::size_t>(depth);
  char* o = reserve(e, n);
  o[0] = '\n';
  std::memset(o + 1, ' ', n - 1);
  e.len += n;
}

void encode_value(Encoder& e, int idx);

// Writes s as a JSON string. Room for the worst case (every byte a \u00XX)
// is reserved first, so the loop writes without checks; a string too long
// for that goes through in pieces.
void encode_string(Encoder& e, const char* s, std::size_t len) {
  static constexpr char hex[] = "0123456789abcdef";
  constexpr std::size_t kPiece = 1 << 16;
  const char* p = s;
  const char* end = s + len;
  put(e, '"');
  while (p < end) {
    const char* stop = end - p > static_cast<std::ptrdiff_t>(kPiece) ? p + kPiece : end;
    char* const start = reserve(e, 6 * static_cast<std::size_t>(stop - p) + 8);
    char* o = start;
    while (p < stop) {
      const char* q = copy_plain(p, stop, o);
      p = q;
      if (q == stop) break;
      const auto c = static_cast<unsigned char>(*q);
      if (c >= 0x80) {
        const std::size_t n = utf8_sequence(q, end);
        if (n == 0) {
          e.len += static_cast<std::size_t>(o - start);
          fail(e, "json.encode: invalid UTF-8 in a string at byte %I", static_cast<lua_Integer>(q - s + 1));
        }
        std::memcpy(o, q, n);  // may run past stop: the room allows it
        o += n;
        p = q + n;
        continue;
      }
      *o++ = '\\';
      switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        default:
          o[0] = 'u';
          o[1] = '0';
          o[2] = '0';
          o[3] = hex[c >> 4];
          o[4] = hex[c & 15];
          o += 5;
      }
      p = q + 1;
    }
    e.len += static_cast<std::size_t>(o - start);
  }
  put(e, '"');
}

void encode_number(Encoder& e, int idx) {
  char* o = reserve(e, kNumberChars);
  if (lua_isinteger(e.L, idx)) {
    e.len += format_integer(o, lua_tointeger(e.L, idx));
    return;
  }
  const double d = lua_tonumber(e.L, idx);
  if (!std::isfinite(d)) fail(e, "json.encode: cannot encode %s", std::isnan(d) ? "NaN" : "an infinite number");
  e.len += format_double(o, d);
}

// The length n when the table at idx is a sequence 1..n with no other key
// ({} is 0: the HC3 writes it as []), else -1.
lua_Integer sequence_length(lua_State* L, int idx) {
  const auto n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1)) {
      lua_pop(L, 1);
      return -1;
    }
    const lua_Integer k = lua_tointeger(L, -1);
    if (k < 1 || k > n) {
      lua_pop(L, 1);
      return -1;
    }
    ++count;
  }
  return count == n ? n : -1;
}

// Whether json.initArray marked the table at idx (the set is upvalue 1).
bool marked_as_array(lua_State* L, int idx) {
  lua_pushvalue(L, idx);
  const bool marked = lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL;
  lua_pop(L, 1);
  return marked;
}

// A table json.initArray marked but that is not a plain sequence: an array
// up to its largest index, holes as null; any other key is an error.
lua_Integer marked_length(Encoder& e, int idx) {
  lua_State* L = e.L;
  lua_Integer largest = 0;
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
      fail(e, "json.encode: a table marked by json.initArray has a key that is not an index (%s)", luaL_typename(L, -1));
    }
    largest = std::max(largest, lua_tointeger(L, -1));
    ++count;
  }
  if (largest > 2 * count + 16) fail(e, "json.encode: a table marked by json.initArray is too sparse to be an array");
  return largest;
}

void encode_array(Encoder& e, int idx, lua_Integer n) {
  put(e, '[');
  for (lua_Integer i = 1; i <= n; ++i) {
    if (i > 1) put(e, ',');
    if (e.style.pretty) newline(e, e.depth);
    if (lua_rawgeti(e.L, idx, i) == LUA_TNIL) {
      put(e, "null", 4);
    } else {
      encode_value(e, lua_gettop(e.L));
    }
    lua_pop(e.L, 1);
  }
  if (e.style.pretty && n > 0) newline(e, e.depth - 1);
  put(e, ']');
}

// [-0, +0] or [-1, +0] Records the key at -2; with keep_value leaves its
// value (at -1) on the stack below the key, at the slot the record names,
// else pops it (slot 0: looked up again when written).
void collect_key(Encoder& e, bool keep_value) {
  lua_State* L = e.L;
  if (e.nkeys == e.keycap) grow(e, e.keys, e.keycap, e.nkeys + 1);
  Key& k = e.keys[e.nkeys];
  switch (lua_type(L, -2)) {
    case LUA_TSTRING: {
      std::size_t len = 0;
      k.text = lua_tolstring(L, -2, &len);
      if (len > UINT32_MAX) fail(e, "json.encode: a key is too long");
      k.len = static_cast<std::uint32_t>(len);
      k.is_number = false;
      break;
    }
    case LUA_TNUMBER:
      k.text = nullptr;
      k.is_number = true;
      k.is_integer = lua_isinteger(L, -2);
      k.integer = lua_tointeger(L, -2);
      k.real = lua_tonumber(L, -2);
      k.len = static_cast<std::uint32_t>(k.is_integer ? format_integer(k.number, k.integer) : format_key_number(k.number, k.real));
      break;
    default:
      fail(e, "json.encode: object keys must be strings or numbers, got %s", luaL_typename(L, -2));
  }
  if (keep_value) {
    lua_insert(L, -2);  // value below key: lua_next needs the key on top
    k.slot = lua_gettop(L) - 1;
  } else {
    lua_pop(L, 1);
    k.slot = 0;
  }
  ++e.nkeys;
}

// [-0, +1] The value of key k in the table at idx.
void push_value_of(lua_State* L, int idx, const Key& k) {
  if (!k.is_number) {
    lua_pushlstring(L, k.text, k.len);
  } else if (k.is_integer) {
    lua_pushinteger(L, k.integer);
  } else {
    lua_pushnumber(L, k.real);
  }
  lua_rawget(L, idx);
}

// With `started`, lua_next already pushed the first key and value.
void encode_object(Encoder& e, int idx, bool started) {
  lua_State* L = e.L;
  const int base = lua_gettop(L) - (started ? 2 : 0);
  const std::size_t first = e.nkeys;
  if (!started) {
    lua_pushnil(L);
    if (lua_next(L, idx) == 0) return;  // cannot happen: empty tables are arrays
  }
  bool stacking = true;
  do {
    if (stacking && ((e.nkeys - first) & 31) == 0) {
      stacking = e.nkeys - first < kStackedValues && lua_checkstack(L, 40);
    }
    collect_key(e, stacking);
  } while (lua_next(L, idx) != 0);
  if (e.style.sort_keys) std::sort(e.keys + first, e.keys + e.nkeys, key_less);
  const char* colon = e.style.pretty ? ": " : ":";
  const std::size_t colon_len = e.style.pretty ? 2 : 1;
  put(e, '{');
  for (std::size_t i = first; i < e.nkeys; ++i) {
    if (i > first) put(e, ',');
    if (e.style.pretty) newline(e, e.depth);
    // e.keys may move while the value is written: read the key first.
    const Key& k = e.keys[i];
    encode_string(e, k.bytes(), k.len);
    put(e, colon, colon_len);
    if (e.keys[i].slot != 0) {
      encode_value(e, e.keys[i].slot);
    } else {
      push_value_of(L, idx, e.keys[i]);
      encode_value(e, lua_gettop(L));
      lua_pop(L, 1);
    }
  }
  if (e.style.pretty) newline(e, e.depth - 1);
  put(e, '}');
  e.nkeys = first;
  lua_settop(L, base);
}

// Cycles: the path from the root is checked only when it gets too deep
// (a cycle always does), so the common case pays nothing for it.
void encode_table(Encoder& e, int idx) {
  lua_State* L = e.L;
  const void* self = lua_topointer(L, idx);
  if (e.depth >= kMaxEncodeDepth) {
    for (int i = 0; i < e.depth; ++i) {
      if (e.path[i] == self) fail(e, "json.encode: cycle detected (a table contains itself)");
    }
    fail(e, "json.encode: nesting too deep (or a cycle)");
  }
  if (!lua_checkstack(L, 8)) fail(e, "json.encode: nesting too deep for the Lua stack");
  if (e.depth == e.pathcap) grow(e, e.path, e.pathcap, static_cast<std::size_t>(e.depth) + 1);
  e.path[e.depth++] = self;
  lua_pushnil(L);
  if (lua_next(L, idx) == 0) {
    encode_array(e, idx, 0);  // {} is [] (HC3)
  } else if (!lua_isinteger(L, -2) && !(e.any_marks && marked_as_array(L, idx))) {
    encode_object(e, idx, true);  // the usual object: one walk of its keys
  } else {
    lua_pop(L, 2);
    const lua_Integer n = sequence_length(L, idx);
    if (n >= 0) {
      encode_array(e, idx, n);
    } else if (e.any_marks && marked_as_array(L, idx)) {
      encode_array(e, idx, marked_length(e, idx));
    } else {
      encode_object(e, idx, false);
    }
  }
  --e.depth;
}

void encode_value(Encoder& e, int idx) {
  lua_State* L = e.L;
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      put(e, "null", 4);
      return;
    case LUA_TBOOLEAN:
      if (lua_toboolean(L, idx)) {
        put(e, "true", 4);
      } else {
        put(e, "false", 5);
      }
      return;
    case LUA_TNUMBER:
      encode_number(e, idx);
      return;
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, idx, &len);
      encode_string(e, s, len);
      return;
    }
    case LUA_TTABLE:
      encode_table(e, idx);
      return;
    case LUA_TLIGHTUSERDATA:
      if (lua_touserdata(L, idx) == null_value()) {
        put(e, "null", 4);
        return;
      }
      break;
    default:
      break;
  }
  fail(e, "json.encode: cannot encode a %s", luaL_typename(L, idx));
}

}  // namespace

void register_encoder(lua_State* L) {
  if (luaL_newmetatable(L, kEncoderType)) {
    lua_pushcfunction(L, &encoder_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
}

void push_kept_encoder(lua_State* L) {
  auto* e = static_cast<Encoder*>(lua_newuserdatauv(L, sizeof(Encoder), 0));
  *e = Encoder{L, nullptr, 0, 0, nullptr, 0, 0, nullptr, 0, 0, EncodeStyle{}, false, false};
  luaL_setmetatable(L, kEncoderType);
}

int encode(lua_State* L, EncodeStyle style) {
  luaL_checkany(L, 1);
  lua_settop(L, 1);
  auto* e = static_cast<Encoder*>(lua_touserdata(L, lua_upvalueindex(2)));
  if (e == nullptr || e->busy) {
    // A call inside a call (a finalizer that encodes, run by a collection
    // during an encode): an encoder of its own, freed by its __gc.
    push_kept_encoder(L);
    e = static_cast<Encoder*>(lua_touserdata(L, -1));
  }
  e->L = L;
  e->len = 0;
  e->nkeys = 0;
  e->depth = 0;
  e->style = style;
  e->busy = true;
  e->any_marks = false;
  lua_pushnil(L);
  if (lua_next(L, lua_upvalueindex(1)) != 0) {
    e->any_marks = true;
    lua_pop(L, 2);
  }
  encode_value(*e, 1);
  // Free before the result is made: a collection the string's allocation
  // runs may call json.encode again (the text is copied by then).
  e->busy = false;
  lua_pushlstring(L, e->out != nullptr ? e->out : "", e->len);
  if (e->cap > kKeptBytes || e->keycap * sizeof(Key) > kKeptBytes) release(*e);
  return 1;
}

}  // namespace plua::stdlib::json
