// require("json") (and the emulation's global json): encode written here
// into a growable buffer, decode by nlohmann::json (nlohmann-json3-dev).
//
// Lua errors are longjmps: C++ objects (the parsed document) live in a
// frame that reaches Lua only through lua_pcall, and the functions Lua
// calls keep trivially destructible locals.

#include <lua.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "lua/guard.hpp"

namespace plua::stdlib {

namespace {

// json.null: a unique light userdata that encodes as null.
char null_sentinel;

// ---- encode ---------------------------------------------------------------

// Output buffer: a userdata owning malloc'd bytes (freed by __gc), because
// a luaL_Buffer forbids the free stack use a table walk needs.
struct Out {
  lua_State* L;
  char* data;
  size_t len;
  size_t cap;
};

constexpr const char* kOutType = "plua.json.Out";
// Registry slot of the original table.sort (a script may replace the global).
constexpr const char* kSortKey = "plua.json.sort";

int out_gc(lua_State* L) {
  auto* out = static_cast<Out*>(luaL_checkudata(L, 1, kOutType));
  std::free(out->data);
  out->data = nullptr;
  return 0;
}

void out_add(Out* out, const char* s, size_t n) {
  if (out->len + n > out->cap) {
    size_t cap = out->cap == 0 ? 256 : out->cap;
    while (cap < out->len + n) cap *= 2;
    auto* bigger = static_cast<char*>(std::realloc(out->data, cap));
    if (bigger == nullptr) lua::raise_out_of_memory(out->L);
    out->data = bigger;
    out->cap = cap;
  }
  std::memcpy(out->data + out->len, s, n);
  out->len += n;
}

void add_char(Out* out, char c) { out_add(out, &c, 1); }
void add_string(Out* out, const char* s) { out_add(out, s, std::strlen(s)); }

void encode_value(lua_State* L, Out* b, int idx, int depth);

void encode_string(Out* b, const char* s, size_t len) {
  add_char(b, '"');
  for (size_t i = 0; i < len; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': add_string(b, "\\\""); break;
      case '\\': add_string(b, "\\\\"); break;
      case '\n': add_string(b, "\\n"); break;
      case '\r': add_string(b, "\\r"); break;
      case '\t': add_string(b, "\\t"); break;
      case '\b': add_string(b, "\\b"); break;
      case '\f': add_string(b, "\\f"); break;
      default:
        if (c < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", c);
          add_string(b, esc);
        } else {
          add_char(b, static_cast<char>(c));
        }
    }
  }
  add_char(b, '"');
}

// A sequence 1..n with no other keys is an array (HC3: {} is []).
bool is_array(lua_State* L, int idx, lua_Integer& n) {
  n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1)) {
      lua_pop(L, 1);
      return false;
    }
    const lua_Integer k = lua_tointeger(L, -1);
    if (k < 1 || k > n) {
      lua_pop(L, 1);
      return false;
    }
    ++count;
  }
  return count == n;
}

void encode_table(lua_State* L, Out* b, int idx, int depth) {
  if (depth > 1000) luaL_error(L, "json.encode: nesting too deep (or a cycle)");
  // Cycle check: the visiting set is upvalue 1 of json.encode.
  lua_pushvalue(L, idx);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) luaL_error(L, "json.encode: cycle detected (a table contains itself)");
  lua_pop(L, 1);
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, lua_upvalueindex(1));

  lua_Integer n = 0;
  if (is_array(L, idx, n)) {
    add_char(b, '[');
    for (lua_Integer i = 1; i <= n; ++i) {
      if (i > 1) add_char(b, ',');
      lua_rawgeti(L, idx, i);
      encode_value(L, b, lua_gettop(L), depth + 1);
      lua_pop(L, 1);
    }
    add_char(b, ']');
  } else {
    add_char(b, '{');
    // Keys in sorted order, so that the text is the same on every run
    // (Lua's hash order depends on a per-process random seed).
    lua_newtable(L);
    const int names = lua_gettop(L);
    lua_newtable(L);
    const int originals = names + 1;
    lua_Integer count = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
      lua_pop(L, 1);
      const int key = lua_gettop(L);
      if (lua_type(L, key) != LUA_TSTRING && lua_type(L, key) != LUA_TNUMBER) {
        luaL_error(L, "json.encode: object keys must be strings or numbers, got %s", luaL_typename(L, key));
      }
      lua_pushvalue(L, key);
      lua_tolstring(L, -1, nullptr);  // convert a copy: lua_next needs the key intact
      lua_pushvalue(L, -1);
      lua_pushvalue(L, key);
      lua_rawset(L, originals);
      lua_rawseti(L, names, ++count);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, kSortKey);
    lua_pushvalue(L, names);
    lua_call(L, 1, 0);
    for (lua_Integer i = 1; i <= count; ++i) {
      if (i > 1) add_char(b, ',');
      lua_rawgeti(L, names, i);
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);
      encode_string(b, s, len);
      add_char(b, ':');
      lua_rawget(L, originals);
      lua_rawget(L, idx);
      encode_value(L, b, lua_gettop(L), depth + 1);
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
    add_char(b, '}');
  }
  lua_pushvalue(L, idx);
  lua_pushnil(L);
  lua_rawset(L, lua_upvalueindex(1));
}

void encode_value(lua_State* L, Out* b, int idx, int depth) {
  lua_pushvalue(L, idx);
  const int top = lua_gettop(L);
  switch (lua_type(L, top)) {
    case LUA_TNIL:
      add_string(b, "null");
      break;
    case LUA_TBOOLEAN:
      add_string(b, lua_toboolean(L, top) ? "true" : "false");
      break;
    case LUA_TNUMBER: {
      char num[64];
      if (lua_isinteger(L, top)) {
        std::snprintf(num, sizeof num, "%lld", static_cast<long long>(lua_tointeger(L, top)));
      } else {
        const double d = lua_tonumber(L, top);
        if (!std::isfinite(d)) luaL_error(L, "json.encode: cannot encode %s", std::isnan(d) ? "NaN" : "an infinite number");
        std::snprintf(num, sizeof num, "%.17g", d);
        // Shortest form that reads back the same.
        for (int precision = 1; precision < 17; ++precision) {
          char shorter[64];
          std::snprintf(shorter, sizeof shorter, "%.*g", precision, d);
          if (std::strtod(shorter, nullptr) == d) {
            std::memcpy(num, shorter, sizeof shorter);
            break;
          }
        }
      }
      add_string(b, num);
      break;
    }
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, top, &len);
      encode_string(b, s, len);
      break;
    }
    case LUA_TTABLE:
      encode_table(L, b, top, depth);
      break;
    case LUA_TLIGHTUSERDATA:
      if (lua_touserdata(L, top) == &null_sentinel) {
        add_string(b, "null");
        break;
      }
      [[fallthrough]];
    default:
      luaL_error(L, "json.encode: cannot encode a %s", luaL_typename(L, top));
  }
  lua_pop(L, 1);
}

// json.encode(value) -> string. Upvalue 1: a scratch table of tables being
// encoded (cycle detection), emptied again after each call.
int json_encode(lua_State* L) {
  luaL_checkany(L, 1);
  lua_settop(L, 1);
  lua_newtable(L);  // a fresh visiting set for this call
  lua_replace(L, lua_upvalueindex(1));
  auto* out = static_cast<Out*>(lua_newuserdatauv(L, sizeof(Out), 0));
  *out = Out{L, nullptr, 0, 0};
  luaL_setmetatable(L, kOutType);
  encode_value(L, out, 1, 0);
  lua_pushlstring(L, out->data != nullptr ? out->data : "", out->len);
  return 1;
}

// ---- decode ---------------------------------------------------------------

void push_json(lua_State* L, const nlohmann::json& j, int depth) {
  if (depth > 1000) luaL_error(L, "json.decode: nesting too deep");
  luaL_checkstack(L, 4, "json.decode: nesting too deep");
  switch (j.type()) {
    case nlohmann::json::value_t::null: lua_pushlightuserdata(L, &null_sentinel); break;
    case nlohmann::json::value_t::boolean: lua_pushboolean(L, j.get<bool>()); break;
    case nlohmann::json::value_t::number_integer: lua_pushinteger(L, j.get<std::int64_t>()); break;
    case nlohmann::json::value_t::number_unsigned: {
      const auto u = j.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(LUA_MAXINTEGER)) {
        lua_pushinteger(L, static_cast<lua_Integer>(u));
      } else {
        lua_pushnumber(L, static_cast<lua_Number>(u));
      }
      break;
    }
    case nlohmann::json::value_t::number_float: lua_pushnumber(L, j.get<double>()); break;
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case nlohmann::json::value_t::array: {
      lua_createtable(L, static_cast<int>(j.size()), 0);
      lua_Integer i = 0;
      for (auto it = j.begin(); it != j.end(); ++it) {
        push_json(L, *it, depth + 1);
        lua_rawseti(L, -2, ++i);
      }
      break;
    }
    case nlohmann::json::value_t::object: {
      lua_createtable(L, 0, static_cast<int>(j.size()));
      for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        lua_pushlstring(L, key.data(), key.size());
        push_json(L, it.value(), depth + 1);
        lua_rawset(L, -3);
      }
      break;
    }
    default:
      lua_pushnil(L);
  }
}

// Under lua_pcall: pushes the Lua value for the document (argument 1).
int push_entry(lua_State* L) {
  const auto* doc = static_cast<const nlohmann::json*>(lua_touserdata(L, 1));
  push_json(L, *doc, 0);
  return 1;
}

// Owns the parsed document; reaches Lua only through lua_pcall. Returns
// the pcall status with the value or the message on top; a parse error
// is written to `message` instead (status -1).
int decode(lua_State* L, const char* text, size_t len, char* message, size_t message_size) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text, text + len);
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> from "parse error".
    const char* what = e.what();
    const char* from = std::strstr(what, "parse error");
    std::snprintf(message, message_size, "json.decode: %s (byte %zu)", from ? from : what, e.byte);
    return -1;
  } catch (const std::exception& e) {
    std::snprintf(message, message_size, "json.decode: %s", e.what());
    return -1;
  }
  lua_pushcfunction(L, &push_entry);
  lua_pushlightuserdata(L, &doc);
  return lua_pcall(L, 1, 1, 0);
}

int json_decode(lua_State* L) {
  size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  char message[512] = {0};
  const int status = decode(L, text, len, message, sizeof message);
  if (status == -1) return luaL_error(L, "%s", message);
  if (status != LUA_OK) return lua_error(L);
  return 1;
}

}  // namespace

int open_json(lua_State* L) {
  if (luaL_newmetatable(L, kOutType)) {
    lua_pushcfunction(L, &out_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  luaL_requiref(L, LUA_TABLIBNAME, &luaopen_table, 0);
  lua_getfield(L, -1, "sort");
  lua_setfield(L, LUA_REGISTRYINDEX, kSortKey);
  lua_pop(L, 1);
  lua_createtable(L, 0, 3);
  lua_newtable(L);
  lua_pushcclosure(L, &json_encode, 1);
  lua_setfield(L, -2, "encode");
  lua_pushcfunction(L, &json_decode);
  lua_setfield(L, -2, "decode");
  lua_pushlightuserdata(L, &null_sentinel);
  lua_setfield(L, -2, "null");
  return 1;
}

}  // namespace plua::stdlib
