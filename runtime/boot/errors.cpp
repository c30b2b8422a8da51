#include "boot/errors.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string_view>

namespace plua::runtime {

namespace {

// Pushes the message for the value at idx. May raise (from __tostring).
const char* push_message(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  const int type = lua_type(L, idx);
  if (type == LUA_TSTRING || type == LUA_TNUMBER) {
    lua_pushvalue(L, idx);
    return lua_tostring(L, -1);
  }
  if (luaL_callmeta(L, idx, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return lua_tostring(L, -1);
  return lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
}

int traceback_entry(lua_State* L) {
  auto* co = static_cast<lua_State*>(lua_touserdata(L, 1));
  // lua.c: an object with __tostring is its own message, without traceback.
  if (lua_type(L, 2) != LUA_TSTRING && lua_type(L, 2) != LUA_TNUMBER && luaL_callmeta(L, 2, "__tostring") &&
      lua_type(L, -1) == LUA_TSTRING) {
    return 1;
  }
  const char* msg = push_message(L, 2);
  luaL_traceback(L, co, msg, 0);
  if (lua_toboolean(L, 3)) {
    // The last level is the base frame; luaL_traceback writes it last.
    constexpr std::string_view kBase = "\n\t[C]: in ?";
    std::size_t len = 0;
    const char* text = lua_tolstring(L, -1, &len);
    const std::string_view all(text, len);
    if (all.size() >= kBase.size() && all.substr(all.size() - kBase.size()) == kBase) {
      lua_pushlstring(L, text, len - kBase.size());
    }
  }
  return 1;
}

int message_entry(lua_State* L) {
  push_message(L, 1);
  return 1;
}

std::string fallback(lua_State* L, int idx) {
  return fmt::format("(error object is a {} value)", luaL_typename(L, idx));
}

}  // namespace

std::string describe_thread_error(lua_State* L, lua_State* co, bool hide_base_frame) {
  const int top = lua_gettop(L);
  lua_pushcfunction(L, &traceback_entry);
  lua_pushlightuserdata(L, co);
  lua_pushvalue(co, -1);
  lua_xmove(co, L, 1);
  lua_pushboolean(L, hide_base_frame);
  std::string text;
  if (lua_pcall(L, 3, 1, 0) == LUA_OK) {
    size_t len = 0;
    const char* s = lua_tolstring(L, -1, &len);
    text.assign(s, len);
  } else {
    text = fallback(co, -1);
  }
  lua_settop(L, top);
  return text;
}

std::string pop_error_message(lua_State* L) {
  const int top = lua_gettop(L) - 1;
  lua_pushcfunction(L, &message_entry);
  lua_pushvalue(L, -2);
  std::string text;
  if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
    size_t len = 0;
    const char* s = lua_tolstring(L, -1, &len);
    text.assign(s, len);
  } else {
    text = fallback(L, top + 1);
  }
  lua_settop(L, top);
  return text;
}

void print_error(const std::string& text) {
  std::fflush(stdout);
  fmt::print(stderr, "plua: {}\n", text);
  std::fflush(stderr);
}

}  // namespace plua::runtime
