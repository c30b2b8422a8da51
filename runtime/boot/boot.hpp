#pragma once
// The Lua side of start-up: the `arg` table and the boot function that
// loads and runs every chunk in order as the first task, each when its turn
// comes, as lua5.4 does.

#include <lua.hpp>

#include <vector>

#include "options.hpp"
#include "boot/script_loader.hpp"

namespace plua::runtime {

// Sets the global `arg` like lua5.4: arg[0] is the script, negative indices
// the interpreter and its options, positive ones the script's arguments.
void set_arg_table(lua_State* L, const Options& options);

// Pushes the boot function: it loads and runs each chunk in turn (an -e
// fragment that is only an expression prints its values), passes the
// script the arg table's positive entries as `...`, and ends at the first
// error, reported through Runtime::report_boot_error. May raise (memory).
void push_boot_function(lua_State* L, const std::vector<Chunk>& chunks);

// Wraps the function on top of the stack into a task function that calls
// it under the same message handler and prints its results, if any (a
// front end's evaluation); a failing print is "error calling 'print'".
void push_result_printer(lua_State* L);

}  // namespace plua::runtime
