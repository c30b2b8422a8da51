#pragma once
// libedit, loaded when the REPL starts rather than at every start-up:
// linking it would pull four shared libraries into each `plua script.lua`
// (a third of the start-up time). The typed pointers come from its
// readline-compatible API.

#include <editline/readline.h>

#include <memory>
#include <string>

#include "sys/dynamic_library.hpp"

namespace plua::app {

struct LineEditor {
  using LineHandler = void (*)(char*);

  void (*callback_handler_install)(const char*, LineHandler) = nullptr;
  void (*callback_read_char)() = nullptr;
  void (*callback_handler_remove)() = nullptr;
  void (*forced_update_display)() = nullptr;
  char** (*completion_matches)(const char*, rl_compentry_func_t*) = nullptr;
  int (*add_history)(const char*) = nullptr;
  int (*read_history)(const char*) = nullptr;
  int (*write_history)(const char*) = nullptr;
  void (*stifle_history)(int) = nullptr;
  int* catch_signals = nullptr;
  const char** basic_word_break_characters = nullptr;
  rl_completion_func_t** attempted_completion_function = nullptr;
  int* attempted_completion_over = nullptr;
  int* completion_append_character = nullptr;

  // Loads libedit; nullptr and `error` set if it is not installed.
  static std::unique_ptr<LineEditor> load(std::string& error);

 private:
  // libedit keeps its editor and history in globals: the library stays
  // mapped for the life of the process, so they stay reachable.
  runtime::DynamicLibrary library_;
};

}  // namespace plua::app
