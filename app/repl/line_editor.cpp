#include "repl/line_editor.hpp"

namespace plua::app {

std::unique_ptr<LineEditor> LineEditor::load(std::string& error) {
  auto editor = std::make_unique<LineEditor>();
  runtime::DynamicLibrary& library = editor->library_;
  if (!library.open("libedit.so.2", error)) {
    error = "cannot load libedit for the REPL (install Debian's libedit2): " + error;
    return nullptr;
  }
  const bool ok = library.bind("rl_callback_handler_install", editor->callback_handler_install) &&
                  library.bind("rl_callback_read_char", editor->callback_read_char) &&
                  library.bind("rl_callback_handler_remove", editor->callback_handler_remove) &&
                  library.bind("rl_forced_update_display", editor->forced_update_display) &&
                  library.bind("rl_completion_matches", editor->completion_matches) &&
                  library.bind("add_history", editor->add_history) &&
                  library.bind("read_history", editor->read_history) &&
                  library.bind("write_history", editor->write_history) &&
                  library.bind("stifle_history", editor->stifle_history) &&
                  library.bind("rl_catch_signals", editor->catch_signals) &&
                  library.bind("rl_basic_word_break_characters", editor->basic_word_break_characters) &&
                  library.bind("rl_attempted_completion_function", editor->attempted_completion_function) &&
                  library.bind("rl_attempted_completion_over", editor->attempted_completion_over) &&
                  library.bind("rl_completion_append_character", editor->completion_append_character);
  if (!ok) {
    error = "the installed libedit lacks the readline callback interface";
    return nullptr;  // the destructor closes the library
  }
  return editor;
}

}  // namespace plua::app
