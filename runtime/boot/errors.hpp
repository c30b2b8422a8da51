#pragma once
// Turning Lua error values into the text plua prints: lua5.4's rules for
// non-string error objects, tracebacks of task threads, one `plua: ` prefix.

#include <lua.hpp>

#include <string>

namespace plua::runtime {

// "message\nstack traceback:\n\t..." for the error on top of co's stack
// (co is a thread that died in lua_resume). Runs under lua_pcall on L, so
// a failing __tostring cannot escape. hide_base_frame: co's base function
// is plumbing (the scheduler's runner, which calls the callbacks), so its
// "[C]: in ?" line is left out.
std::string describe_thread_error(lua_State* L, lua_State* co, bool hide_base_frame = false);

// The message of the error value on top of L (popped), lua.c's rules:
// strings and numbers as they are, __tostring if it gives a string,
// "(error object is a X value)" otherwise.
std::string pop_error_message(lua_State* L);

// Writes "plua: <text>\n" to stderr after flushing stdout, so that output
// redirected to one file keeps its order.
void print_error(const std::string& text);

}  // namespace plua::runtime
