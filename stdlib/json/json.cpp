// require("json") (and the emulation's global json): the module table.
// encode/encodeFast/encodeFormated write straight from the Lua stack
// (encoder.cpp), decode builds the tables while it parses (decoder.cpp).
// The functions here are thin: arguments, then one call.

#include <lua.hpp>

#include "json/decoder.hpp"
#include "json/encoder.hpp"
#include "json/null.hpp"

namespace plua::stdlib {

namespace {

// json.encode(v): keys sorted, so the text is the same on every run.
int json_encode(lua_State* L) { return json::encode(L, json::EncodeStyle{true, false}); }

// json.encodeFast(v) (HC3): as encode, keys in table order (not sorted).
int json_encode_fast(lua_State* L) { return json::encode(L, json::EncodeStyle{false, false}); }

// json.encodeFormated(v) (HC3's spelling): as encode, pretty-printed.
int json_encode_formatted(lua_State* L) { return json::encode(L, json::EncodeStyle{true, true}); }

int json_decode(lua_State* L) { return json::decode(L); }

// json.initArray(t) -> t (HC3): t encodes as an array even when it is empty
// or has holes. Upvalue 1: the weak set of marked tables.
int json_init_array(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_pushvalue(L, 1);
  lua_pushboolean(L, 1);
  lua_rawset(L, lua_upvalueindex(1));
  return 1;
}

}  // namespace

int open_json(lua_State* L) {
  json::register_encoder(L);
  lua_createtable(L, 0, 6);
  // The set json.initArray fills, weak in its keys; shared by the encoders.
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  const int marks = lua_gettop(L);
  const struct {
    const char* name;
    lua_CFunction fn;
  } with_marks[] = {{"encode", &json_encode},
                    {"encodeFast", &json_encode_fast},
                    {"encodeFormated", &json_encode_formatted},
                    {"initArray", &json_init_array}};
  json::push_kept_encoder(L);  // one for the three encoders: none runs inside another
  const int kept = lua_gettop(L);
  for (const auto& f : with_marks) {
    lua_pushvalue(L, marks);
    lua_pushvalue(L, kept);
    lua_pushcclosure(L, f.fn, 2);
    lua_setfield(L, -4, f.name);
  }
  lua_pop(L, 2);
  lua_pushcfunction(L, &json_decode);
  lua_setfield(L, -2, "decode");
  lua_pushlightuserdata(L, json::null_value());
  lua_setfield(L, -2, "null");
  return 1;
}

}  // namespace plua::stdlib
