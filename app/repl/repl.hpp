#pragma once
// The interactive REPL (plua -i, or a terminal with nothing to run). The
// event loop keeps running while the prompt waits: libedit is driven by its
// callback interface from a uv_poll on stdin, and every entered chunk runs
// as a task, so timers fire between lines and their output is printed
// above the prompt, never through it. With stdin not a terminal (plua -i <
// file) it reads line by line as lua5.4 does: the prompt (_PROMPT,
// _PROMPT2) and the line read are written to stdout, one line whenever no
// task is ready.

#include <lua.hpp>
#include <uv.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extension.hpp"
#include "uv/handle.hpp"

namespace plua::runtime {
class Runtime;
}

namespace plua::app {

struct LineEditor;

class Repl final : public runtime::Frontend {
 public:
  Repl();
  Repl(const Repl&) = delete;
  Repl& operator=(const Repl&) = delete;
  ~Repl() override;

  // Frontend: the prompt appears once the script has run.
  void main_finished(runtime::Runtime& runtime) override;
  // Around a pass that runs tasks: clear the prompt line, then redraw it
  // (with what the user had typed) below whatever the tasks printed.
  void before_pass() override { hide_prompt(); }
  void after_pass() override { show_prompt(); }
  // SIGINT while the prompt is up: drop the line being typed.
  bool on_interrupt() override;
  void stop() override;

 private:
  void start();
  void start_plain();
  void read_plain_line();
  void hide_prompt();
  void show_prompt();
  void interrupt();
  static void on_line(char* line);
  static char** complete(const char* text, int start, int end);
  static char* next_match(const char* text, int state);

  void handle_line(char* line);
  void handle_eof();
  void on_readable();
  void watch_stdin(bool keeps_alive);
  void submit(const std::string& chunk);
  void collect_matches(const char* text);

  runtime::Runtime* runtime_ = nullptr;
  std::unique_ptr<LineEditor> editor_;
  uv::Handle<uv_poll_t> poll_;
  uv::Handle<uv_idle_t> idle_;  // plain mode: reads the next line
  std::string pending_;  // an incomplete multi-line chunk
  std::string history_path_;
  std::vector<std::string> matches_;
  std::size_t next_match_ = 0;
  const char* prompt_ = "> ";
  bool active_ = false;
  bool prompt_hidden_ = false;
  // libedit keeps an accepted line on screen and in its buffer until it
  // is re-armed: after a line (or Ctrl-C) the prompt is drawn afresh.
  bool fresh_prompt_needed_ = false;
  bool eof_seen_ = false;
  bool plain_ = false;  // stdin is not a terminal: no line editor
};

}  // namespace plua::app
