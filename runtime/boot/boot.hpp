#pragma once
// The Lua side of start-up: the `arg` table, loading every chunk (so a
// syntax error anywhere stops the run before anything runs) and the boot
// function that runs them in order as the first task.

#include <lua.hpp>

#include <vector>

#include "options.hpp"
#include "boot/script_loader.hpp"

namespace plua::runtime {

// Sets the global `arg` like lua5.4: arg[0] is the script, negative indices
// the interpreter and its options, positive ones the script's arguments.
void set_arg_table(lua_State* L, const Options& options);

// Loads every chunk and pushes the boot function that runs them in order
// (printing the values of -e expressions) and passes the script its
// arguments as `...`. On a load error raises it (call under lua_pcall).
void push_boot_function(lua_State* L, const std::vector<Chunk>& chunks, const Options& options);

// Wraps the function on top of the stack into a task function that calls
// it and prints its results, if any (a front end's evaluation).
void push_result_printer(lua_State* L);

}  // namespace plua::runtime
