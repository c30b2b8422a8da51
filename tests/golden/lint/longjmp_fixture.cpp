// Cases for tests/tools/longjmp_check.py: each function is either a break
// of the rule the checker must report, or a safe pattern it must accept.
#include <lua.hpp>

#include <memory>
#include <string>
#include <vector>

namespace fixture {

struct Box {
  int value;
};  // trivially destructible

struct Owner {
  std::string name;  // non-trivial through a member
};

// A helper that raises (it calls the Lua API), so its callers are checked.
void push_name(lua_State* L, const std::string& name) { lua_pushlstring(L, name.data(), name.size()); }

// A local string alive across a raising call: reported.
int local_string(lua_State* L) {
  std::string text = "hello";
  lua_pushstring(L, text.c_str());
  return 1;
}

// A temporary alive until the end of the full expression: reported.
int temporary_string(lua_State* L) {
  push_name(L, std::string("temporary"));
  return 1;
}

// A smart pointer alive across lua_newthread: reported.
int owned_pointer(lua_State* L) {
  auto box = std::make_unique<Box>();
  lua_newthread(L);
  return box->value;
}

// A member with a destructor counts too: reported.
int owner_member(lua_State* L) {
  Owner owner{"x"};
  lua_createtable(L, 0, 0);
  return static_cast<int>(owner.name.size());
}

// Safe: the string's scope ends before the raising call.
int scoped(lua_State* L) {
  std::size_t size = 0;
  {
    std::string text = "scoped";
    size = text.size();
  }
  lua_pushinteger(L, static_cast<lua_Integer>(size));
  lua_createtable(L, 0, 0);
  return 2;
}

// Safe: calls that never raise, trivial locals, iterators.
int never_raise(lua_State* L, const std::vector<int>& values) {
  Box box{lua_gettop(L)};
  for (auto it = values.begin(); it != values.end(); ++it) lua_pushinteger(L, *it);
  return box.value;
}

// Safe: the caller takes the marker's word.
int marked(lua_State* L) {
  std::string key = "k";
  lua_setfield(L, -2, "existing");  // cannot raise: fixture marker
  return static_cast<int>(key.size());
}

// Safe: the C++ body runs in a lambda that owns the string; the raise
// happens after it returned (lua::after_cpp's pattern).
int body_then_raise(lua_State* L) {
  const auto body = [&]() -> const char* {
    std::string text = "body";
    return text.empty() ? "empty" : nullptr;
  };
  if (const char* error = body()) return luaL_error(L, "%s", error);
  return 0;
}

}  // namespace fixture
