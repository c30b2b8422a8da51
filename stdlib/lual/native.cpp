// require("lual.native"): FileSink for Lua. sink = native.open(path, mode)
// ("a" or "w"); sink:write(s), sink:flush(), sink:close(), sink:size(),
// sink:errors(). Thin C functions: checks first, then noexcept calls.
// native.queue() and native.format(): see native_queue_lua.cpp.

#include <lua.hpp>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "lual/native_sink.hpp"
#include "lua/guard.hpp"

namespace plua::stdlib {

extern const char* const kLualSinkType;
const char* const kLualSinkType = "plua.lual.FileSink";
void register_lual_queue(lua_State* L);
void register_udp_sender(lua_State* L);

namespace {

const char* const kSinkType = kLualSinkType;

FileSink& check_sink(lua_State* L) {
  auto** slot = static_cast<FileSink**>(luaL_checkudata(L, 1, kSinkType));
  if (*slot == nullptr) luaL_error(L, "file sink is closed");
  return **slot;
}

int sink_write(lua_State* L) {
  FileSink& sink = check_sink(L);
  size_t len = 0;
  const char* s = luaL_checklstring(L, 2, &len);
  if (!sink.is_open()) return luaL_error(L, "file sink is closed");
  if (!sink.write(s, len)) lua::raise_out_of_memory(L);
  return 0;
}

int sink_flush(lua_State* L) {
  check_sink(L).flush();
  return 0;
}

int sink_close(lua_State* L) {
  check_sink(L).close();
  return 0;
}

int sink_size(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check_sink(L).size()));
  return 1;
}

int sink_errors(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check_sink(L).errors()));
  return 1;
}

// __gc: the sink drains and stops its writer, then is freed.
int sink_gc(lua_State* L) {
  auto** slot = static_cast<FileSink**>(luaL_checkudata(L, 1, kSinkType));
  delete *slot;
  *slot = nullptr;
  return 0;
}

bool open_sink(FileSink& sink, const char* path, bool append) noexcept {
  try {
    return sink.open(path, append);
  } catch (...) {
    errno = ENOMEM;
    return false;
  }
}

// native.open(path [, mode]) -> sink | nil, message
int native_open(lua_State* L) {
  const char* path = luaL_checkstring(L, 1);
  const char* mode = luaL_optstring(L, 2, "a");
  luaL_argcheck(L, mode[0] == 'a' || mode[0] == 'w', 2, "mode must be 'a' or 'w'");
  auto** slot = static_cast<FileSink**>(lua_newuserdatauv(L, sizeof(FileSink*), 0));
  *slot = nullptr;
  luaL_setmetatable(L, kSinkType);
  *slot = new (std::nothrow) FileSink();
  if (*slot == nullptr) lua::raise_out_of_memory(L);
  if (!open_sink(**slot, path, mode[0] == 'a')) {
    const int err = errno;
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, std::strerror(err));
    return 2;
  }
  return 1;
}

}  // namespace

int open_lual_native(lua_State* L) {
  static const luaL_Reg methods[] = {
      {"write", &sink_write}, {"flush", &sink_flush}, {"close", &sink_close},
      {"size", &sink_size},   {"errors", &sink_errors}, {nullptr, nullptr},
  };
  if (luaL_newmetatable(L, kSinkType)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &sink_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, &sink_gc);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushcfunction(L, &native_open);
  lua_setfield(L, -2, "open");
  register_lual_queue(L);
  register_udp_sender(L);
  return 1;
}

}  // namespace plua::stdlib
