#include "boot/boot.hpp"

#include "runtime.hpp"
#include "lua/guard.hpp"

namespace plua::runtime {

namespace {

// What a step of the boot task is. The steps table holds three slots per
// step: {a, b, mode}; what a and b are depends on the mode.
enum StepMode : lua_Integer {
  kChunk = 0,       // a: source, b: chunk name; runs, prints nothing
  kFragment = 1,    // -e: a statement runs as one; else an expression prints its values
  kScript = 2,      // a chunk given `...` from the arg table as it is when it starts
  kRequire = 3,     // a: module, b: global (lua5.4's -l g=mod)
  kUnreadable = 4,  // a: the message ("cannot open x.lua: ..."), reported at its turn
  kFunction = 5,    // a: a function whose results are printed (a front end's input)
};

constexpr int kHandler = 1;  // stack index of the message handler

// lua.c's message handler, run where the error happened, before the stack
// unwinds: an object with __tostring is its own message; anything else that
// is not a string says what it is; then the traceback.
int message_handler(lua_State* L) {
  const char* msg = lua_tostring(L, 1);
  if (msg == nullptr) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

// The error on top of L ends the boot task: reported as plua reports a
// failed run (no traceback is added: a message from the handler has one,
// a load error needs none).
// An error in a front end's input is the user's feedback, not a failed run.
int stop_with_error(lua_State* L, lua_Integer mode) {
  Runtime& runtime = runtime_of(L);
  const bool failed_run = mode != kFunction;
  return lua::after_cpp(L, [&] {
    runtime.report_boot_error(L, failed_run);
    return lua::pushed(0);
  });
}

// Prints the values on the stack above kHandler. The REPL's print failing
// is lua.c's "error calling 'print' (...)", without a traceback; returns
// false then (the message is on top).
bool print_results(lua_State* L, bool guarded) {
  const int nresults = lua_gettop(L) - kHandler;
  if (nresults <= 0) return true;
  luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
  lua_getglobal(L, "print");
  lua_insert(L, kHandler + 1);
  if (!guarded) {
    lua_call(L, nresults, 0);
    return true;
  }
  if (lua_pcall(L, nresults, 0, 0) == LUA_OK) return true;
  lua_pushfstring(L, "error calling 'print' (%s)", luaL_tolstring(L, -1, nullptr));
  return false;
}

lua_Integer step_mode(lua_State* L, lua_Integer step) {
  lua_rawgeti(L, lua_upvalueindex(1), 3 * step);
  const lua_Integer mode = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return mode;
}

// Pushes the function of a step and its arguments; returns how many
// arguments, or -1 after reporting an error that ends the boot.
int prepare_step(lua_State* L, lua_Integer step, lua_Integer mode) {
  lua_rawgeti(L, lua_upvalueindex(1), 3 * step - 2);
  lua_rawgeti(L, lua_upvalueindex(1), 3 * step - 1);
  const int a = lua_gettop(L) - 1, b = lua_gettop(L);
  switch (mode) {
    case kUnreadable:
      lua_settop(L, a);
      return -1;
    case kFunction:
      lua_pushvalue(L, a);
      return 0;
    case kRequire:
      lua_getglobal(L, "require");
      lua_pushvalue(L, a);
      return 1;
    default:
      break;
  }
  size_t len = 0;
  const char* text = lua_tolstring(L, a, &len);
  const char* name = lua_tostring(L, b);
  if (mode == kFragment) {
    // PLua's -e "1+2": only what is not a statement but is an expression
    // prints its values.
    if (luaL_loadbufferx(L, text, len, name, "t") == LUA_OK) return 0;
    lua_pushfstring(L, "return %s;", text);
    if (luaL_loadbufferx(L, lua_tostring(L, -1), lua_rawlen(L, -1), name, "t") == LUA_OK) {
      lua_remove(L, -2);  // the "return" text
      lua_remove(L, -2);  // the statement's syntax error
      lua_pushboolean(L, 1);
      lua_rawseti(L, lua_upvalueindex(2), step);  // print this step's results
      return 0;
    }
    lua_pop(L, 2);  // keep the statement's syntax error
    return -1;
  }
  if (luaL_loadbufferx(L, text, len, name, "bt") != LUA_OK) return -1;
  if (mode != kScript) return 0;
  // lua.c: the script's ... is the arg table as it is now.
  if (lua_getglobal(L, "arg") != LUA_TTABLE) {
    lua_pushliteral(L, "'arg' is not a table");
    return -1;
  }
  const int args = lua_gettop(L);
  const auto n = static_cast<int>(luaL_len(L, args));
  luaL_checkstack(L, n + 3, "too many arguments to script");
  for (int i = 1; i <= n; ++i) lua_rawgeti(L, args, i);
  lua_remove(L, args);
  return n;
}

// After step `step` returned (status LUA_OK or LUA_YIELD) or failed.
// Returns false when the boot ends here.
bool finish_step(lua_State* L, int status, lua_Integer step) {
  const lua_Integer mode = step_mode(L, step);
  if (status != LUA_OK && status != LUA_YIELD) {
    stop_with_error(L, mode);
    return false;
  }
  if (mode == kRequire) {
    lua_rawgeti(L, lua_upvalueindex(1), 3 * step - 1);
    lua_insert(L, -2);
    lua_setglobal(L, lua_tostring(L, -2));
  } else if (mode == kFunction) {
    if (!print_results(L, true)) {
      stop_with_error(L, mode);
      return false;
    }
  } else if (mode == kFragment && lua_rawgeti(L, lua_upvalueindex(2), step) != LUA_TNIL) {
    lua_pop(L, 1);
    print_results(L, false);
  }
  return true;
}

// Upvalue 1: the steps table; upvalue 2: the steps whose results print.
// Each step runs under lua_pcallk with the message handler, so an error
// is described before the stack unwinds (a <close> variable's handler
// gets the message with its traceback), and every step may yield
// (_PY.sleep at the top level of the script suspends the whole boot).
int boot_continue(lua_State* L, int status, lua_KContext ctx) {
  lua_Integer step = ctx;
  if (step > 0 && !finish_step(L, status, step)) return 0;
  for (;;) {
    lua_settop(L, kHandler);
    ++step;
    if (lua_rawgeti(L, lua_upvalueindex(1), 3 * step) == LUA_TNIL) return 0;
    const lua_Integer mode = lua_tointeger(L, -1);
    lua_pop(L, 1);
    const int nargs = prepare_step(L, step, mode);
    if (nargs < 0) return stop_with_error(L, mode);
    // a and b go: only the function and its arguments stay above the handler.
    lua_remove(L, kHandler + 1);
    lua_remove(L, kHandler + 1);
    status = lua_pcallk(L, nargs, mode == kRequire ? 1 : LUA_MULTRET, kHandler, step, boot_continue);
    if (!finish_step(L, status, step)) return 0;
  }
}

int boot_task(lua_State* L) {
  lua_settop(L, 0);
  lua_pushcfunction(L, &message_handler);
  return boot_continue(L, LUA_OK, 0);
}

void push_steps_function(lua_State* L) {
  lua_newtable(L);  // upvalue 2
  lua_pushcclosure(L, &boot_task, 2);
}

void add_step(lua_State* L, lua_Integer& index, StepMode mode) {
  // [-2, +0] a and b are on top, above the steps table.
  lua_rawseti(L, -3, index + 2);
  lua_rawseti(L, -2, index + 1);
  lua_pushinteger(L, mode);
  lua_rawseti(L, -2, index + 3);
  index += 3;
}

void push_string(lua_State* L, const std::string* s) { lua_pushlstring(L, s->data(), s->size()); }

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

void push_boot_function(lua_State* L, const std::vector<Chunk>& chunks) {
  lua_createtable(L, static_cast<int>(chunks.size() * 3), 0);
  lua_Integer index = 0;
  for (const Chunk& chunk : chunks) {
    if (!chunk.error.empty()) {
      push_string(L, &chunk.error);
      lua_pushnil(L);
      add_step(L, index, kUnreadable);
      continue;
    }
    const bool require = chunk.kind == Chunk::Kind::Require;
    push_string(L, require ? &chunk.chunkname : &chunk.text);
    push_string(L, require ? &chunk.text : &chunk.chunkname);
    switch (chunk.kind) {
      case Chunk::Kind::Require: add_step(L, index, kRequire); break;
      case Chunk::Kind::Exec: add_step(L, index, kFragment); break;
      case Chunk::Kind::Init: add_step(L, index, kChunk); break;
      case Chunk::Kind::Script: add_step(L, index, kScript); break;
    }
  }
  push_steps_function(L);
}

void push_result_printer(lua_State* L) {
  lua_createtable(L, 3, 0);
  lua_insert(L, -2);
  lua_rawseti(L, -2, 1);
  lua_pushinteger(L, kFunction);
  lua_rawseti(L, -2, 3);
  push_steps_function(L);
}

}  // namespace plua::runtime
