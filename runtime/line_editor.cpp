#include "line_editor.hpp"

#include <dlfcn.h>

namespace plua::runtime {

namespace {

template <typename T>
bool bind(void* library, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(library, name));
  return out != nullptr;
}

}  // namespace

std::unique_ptr<LineEditor> LineEditor::load(std::string& error) {
  void* library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (library == nullptr) {
    const char* why = dlerror();
    error = std::string("cannot load libedit for the REPL (install Debian's libedit2): ") + (why ? why : "?");
    return nullptr;
  }
  auto editor = std::make_unique<LineEditor>();
  editor->library_ = library;
  const bool ok = bind(library, "rl_callback_handler_install", editor->callback_handler_install) &&
                  bind(library, "rl_callback_read_char", editor->callback_read_char) &&
                  bind(library, "rl_callback_handler_remove", editor->callback_handler_remove) &&
                  bind(library, "rl_forced_update_display", editor->forced_update_display) &&
                  bind(library, "rl_completion_matches", editor->completion_matches) &&
                  bind(library, "add_history", editor->add_history) &&
                  bind(library, "read_history", editor->read_history) &&
                  bind(library, "write_history", editor->write_history) &&
                  bind(library, "stifle_history", editor->stifle_history) &&
                  bind(library, "rl_catch_signals", editor->catch_signals) &&
                  bind(library, "rl_basic_word_break_characters", editor->basic_word_break_characters) &&
                  bind(library, "rl_attempted_completion_function", editor->attempted_completion_function) &&
                  bind(library, "rl_attempted_completion_over", editor->attempted_completion_over) &&
                  bind(library, "rl_completion_append_character", editor->completion_append_character);
  if (!ok) {
    error = "the installed libedit lacks the readline callback interface";
    return nullptr;  // the destructor closes the library
  }
  return editor;
}

// libedit keeps its editor and history in globals: the library stays
// mapped for the life of the process (RTLD_NODELETE), so they stay reachable.
LineEditor::~LineEditor() {
  if (library_ != nullptr) dlclose(library_);
}

}  // namespace plua::runtime
