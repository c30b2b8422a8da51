#include "boot/boot.hpp"

namespace plua::runtime {

namespace {

enum StepMode : lua_Integer { kRun = 0, kPrintResults = 1, kScript = 2 };

// -l NAME: global NAME = require(NAME), as lua5.4 does.
int require_step(lua_State* L) {
  lua_getglobal(L, "require");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_call(L, 1, 1);
  lua_setglobal(L, lua_tostring(L, lua_upvalueindex(1)));
  return 0;
}

// Upvalue 1: {fn1, mode1, fn2, mode2, ...}; upvalue 2: the script's
// arguments. The continuation lets every step yield (_PY.sleep at the top
// level of the script suspends the whole boot task).
int boot_continue(lua_State* L, int, lua_KContext ctx) {
  lua_Integer step = ctx;
  for (;;) {
    if (step > 0) {
      lua_rawgeti(L, lua_upvalueindex(1), 2 * step);
      const lua_Integer mode = lua_tointeger(L, -1);
      lua_pop(L, 1);
      const int nresults = lua_gettop(L);
      if (mode == kPrintResults && nresults > 0) {
        lua_getglobal(L, "print");
        lua_insert(L, 1);
        lua_call(L, nresults, 0);
      }
    }
    lua_settop(L, 0);
    ++step;
    if (lua_rawgeti(L, lua_upvalueindex(1), 2 * step - 1) == LUA_TNIL) return 0;
    lua_rawgeti(L, lua_upvalueindex(1), 2 * step);
    const lua_Integer mode = lua_tointeger(L, -1);
    lua_pop(L, 1);
    int nargs = 0;
    if (mode == kScript) {
      const int n = static_cast<int>(luaL_len(L, lua_upvalueindex(2)));
      luaL_checkstack(L, n, "too many arguments to script");
      for (int i = 1; i <= n; ++i) lua_rawgeti(L, lua_upvalueindex(2), i);
      nargs = n;
    }
    lua_callk(L, nargs, LUA_MULTRET, step, boot_continue);
  }
}

int boot_task(lua_State* L) { return boot_continue(L, LUA_OK, 0); }

void load_or_raise(lua_State* L, const Chunk& chunk) {
  if (luaL_loadbufferx(L, chunk.text.data(), chunk.text.size(), chunk.chunkname.c_str(), "bt") != LUA_OK) {
    lua_error(L);
  }
}

}  // namespace

void set_arg_table(lua_State* L, const Options& options) {
  const auto& argv = options.argv;
  // lua5.4: with no script, argv[0] is arg[0] and the options follow.
  const lua_Integer script = options.script_index < argv.size() ? static_cast<lua_Integer>(options.script_index) : 0;
  lua_createtable(L, static_cast<int>(argv.size()), static_cast<int>(script) + 1);
  for (std::size_t i = 0; i < argv.size(); ++i) {
    lua_pushlstring(L, argv[i].data(), argv[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) - script);
  }
  lua_setglobal(L, "arg");
}

void push_boot_function(lua_State* L, const std::vector<Chunk>& chunks, const Options& options) {
  lua_createtable(L, static_cast<int>(chunks.size() * 2), 0);
  lua_Integer index = 0;
  for (const Chunk& chunk : chunks) {
    lua_Integer mode = kRun;
    switch (chunk.kind) {
      case Chunk::Kind::Require:
        lua_pushlstring(L, chunk.chunkname.data(), chunk.chunkname.size());
        lua_pushcclosure(L, &require_step, 1);
        break;
      case Chunk::Kind::Exec:
        // A fragment that is an expression prints its values (PLua's -e "1+2").
        lua_pushfstring(L, "return %s", chunk.text.c_str());
        if (luaL_loadbufferx(L, lua_tostring(L, -1), lua_rawlen(L, -1), chunk.chunkname.c_str(), "t") == LUA_OK) {
          lua_remove(L, -2);
          mode = kPrintResults;
        } else {
          lua_pop(L, 2);
          load_or_raise(L, chunk);
        }
        break;
      case Chunk::Kind::Init:
        load_or_raise(L, chunk);
        break;
      case Chunk::Kind::Script:
        load_or_raise(L, chunk);
        mode = kScript;
        break;
    }
    lua_rawseti(L, -2, ++index);
    lua_pushinteger(L, mode);
    lua_rawseti(L, -2, ++index);
  }
  lua_createtable(L, static_cast<int>(options.script_args.size()), 0);
  for (std::size_t i = 0; i < options.script_args.size(); ++i) {
    lua_pushlstring(L, options.script_args[i].data(), options.script_args[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_pushcclosure(L, &boot_task, 2);
}

void push_result_printer(lua_State* L) {
  lua_createtable(L, 2, 0);
  lua_insert(L, -2);
  lua_rawseti(L, -2, 1);
  lua_pushinteger(L, kPrintResults);
  lua_rawseti(L, -2, 2);
  lua_newtable(L);  // no script arguments
  lua_pushcclosure(L, &boot_task, 2);
}

}  // namespace plua::runtime
