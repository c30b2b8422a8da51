#include "repl/repl.hpp"

#include <fmt/format.h>
#include <lua.hpp>

#include <algorithm>
#include <cstdio>
#include <new>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

#include "boot/boot.hpp"
#include "boot/errors.hpp"
#include "lua/guard.hpp"
#include "repl/line_editor.hpp"
#include "runtime.hpp"

namespace plua::app {

using runtime::pop_error_message;
using runtime::print_error;
using runtime::push_result_printer;
using runtime::Runtime;
using runtime::TaskLabel;

namespace {

// libedit's callbacks take no context: the one REPL of the process.
Repl* active_repl = nullptr;

constexpr const char* kPrompt = "> ";
constexpr const char* kContinuationPrompt = ">> ";

// lua.c's test for an incomplete chunk: the syntax error is at <eof>.
bool is_incomplete(const char* message) {
  const std::size_t n = std::strlen(message);
  constexpr std::string_view eof = "<eof>";
  return n >= eof.size() && std::strcmp(message + n - eof.size(), eof.data()) == 0;
}

struct CompilePlan {
  Runtime* runtime;
  const std::string* code;
  bool expression;
};

// Under lua_pcall: loads the chunk (as "return <code>" when it is an
// expression) and queues it as a task that prints its results, or raises
// the syntax error.
int compile_entry(lua_State* L) {
  auto* plan = static_cast<CompilePlan*>(lua_touserdata(L, 1));
  if (plan->expression) {
    lua_pushfstring(L, "return %s", plan->code->c_str());
  } else {
    lua_pushlstring(L, plan->code->data(), plan->code->size());
  }
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  if (luaL_loadbufferx(L, text, len, "=stdin", "t") != LUA_OK) return lua_error(L);
  push_result_printer(L);
  return lua::after_cpp(L, [&] {
    plan->runtime->scheduler().spawn(L, TaskLabel{TaskLabel::Kind::Input, 0, {}, "REPL input"});
    return lua::pushed(0);
  });
}

struct PromptPlan {
  std::string* out;
  bool first_line;
};

// Under lua_pcall: lua.c's prompt: _PROMPT (or _PROMPT2 for a continued
// chunk) through tostring, or the default.
int prompt_entry(lua_State* L) {
  auto* plan = static_cast<PromptPlan*>(lua_touserdata(L, 1));
  if (lua_getglobal(L, plan->first_line ? "_PROMPT" : "_PROMPT2") == LUA_TNIL) {
    lua_pushstring(L, plan->first_line ? kPrompt : kContinuationPrompt);
  }
  size_t len = 0;
  const char* text = luaL_tolstring(L, -1, &len);
  return lua::after_cpp(L, [&] {
    plan->out->assign(text, len);
    return lua::pushed(0);
  });
}

// Under lua_pcall: the names visible for `text` ("string.fo" -> fields of
// string starting with "fo"), appended to the vector as full words.
int matches_entry(lua_State* L) {
  auto* out = static_cast<std::vector<std::string>*>(lua_touserdata(L, 1));
  const char* text = lua_tostring(L, 2);
  const char* last_sep = nullptr;
  for (const char* p = text; *p != '\0'; ++p)
    if (*p == '.' || *p == ':') last_sep = p;
  lua_pushglobaltable(L);
  if (last_sep != nullptr) {
    // Walk the path with raw gets: completion must not run metamethods.
    const char* start = text;
    while (start < last_sep) {
      const char* end = start;
      while (end < last_sep && *end != '.' && *end != ':') ++end;
      lua_pushlstring(L, start, static_cast<size_t>(end - start));
      lua_rawget(L, -2);
      if (!lua_istable(L, -1)) return 0;
      lua_remove(L, -2);
      start = end + 1;
    }
  }
  const char* prefix = last_sep != nullptr ? last_sep + 1 : text;
  const size_t prefix_len = std::strlen(prefix);
  const auto head_len = static_cast<size_t>(prefix - text);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char* key = lua_tostring(L, -1);
      if (std::strncmp(key, prefix, prefix_len) == 0) {
        try {
          out->push_back(std::string(text, head_len) + key);
        } catch (const std::bad_alloc&) {
          return 0;
        }
      }
    }
  }
  return 0;
}

}  // namespace

Repl::Repl() = default;
Repl::~Repl() { stop(); }

void Repl::main_finished(Runtime& runtime) {
  if (runtime_ != nullptr) return;
  runtime_ = &runtime;
  start();
}

bool Repl::on_interrupt() {
  if (!active_ || plain_) return false;
  interrupt();
  return true;
}

void Repl::start() {
  if (active_) return;
  if (isatty(STDIN_FILENO) == 0) {
    start_plain();
    return;
  }
  std::string error;
  editor_ = LineEditor::load(error);
  if (!editor_) {
    print_error(error);
    return;
  }
  active_repl = this;
  active_ = true;
  runtime_->add_user_work();  // an interactive prompt is user work

  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    history_path_ = fmt::format("{}/.plua_history", home);
    editor_->read_history(history_path_.c_str());
  }
  editor_->stifle_history(1000);
  *editor_->catch_signals = 0;  // plua's own handler deals with Ctrl-C
  *editor_->basic_word_break_characters = " \t\n\"\\'><=;+-*/%^~#{}()[],";
  *editor_->attempted_completion_function = &Repl::complete;

  fmt::print("plua {} ({}, libuv {})  Ctrl-D to quit\n", runtime::kVersion, LUA_RELEASE, uv_version_string());
  std::fflush(stdout);
  editor_->callback_handler_install(prompt_, &Repl::on_line);
  watch_stdin(true);
}

void Repl::start_plain() {
  plain_ = true;
  if (const int rc = idle_.init(uv_idle_init, runtime_->loop()); rc != 0) {
    print_error(fmt::format("cannot read stdin: {}", uv_strerror(rc)));
    return;
  }
  active_repl = this;
  active_ = true;
  runtime_->add_user_work();
  idle_.get()->data = this;
  uv_idle_start(idle_.get(), [](uv_idle_t* handle) {
    auto* self = static_cast<Repl*>(handle->data);
    // One line at a time, once what the last one queued has run.
    if (!self->runtime_->scheduler().has_ready()) self->read_plain_line();
  });
}

void Repl::read_plain_line() {
  std::string prompt;
  PromptPlan plan{&prompt, pending_.empty()};
  lua_State* L = runtime_->state();
  lua_pushcfunction(L, &prompt_entry);
  lua_pushlightuserdata(L, &plan);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    print_error(pop_error_message(L));
    prompt = plan.first_line ? kPrompt : kContinuationPrompt;
  }
  std::fputs(prompt.c_str(), stdout);
  std::fflush(stdout);
  std::string line;
  int c = 0;
  while ((c = std::getc(stdin)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
  if (c == EOF && line.empty()) {
    std::fputs("\n", stdout);
    std::fflush(stdout);
    stop();
    return;
  }
  // As lua5.4 (with readline) shows it: the line after its prompt.
  fmt::print("{}\n", line);
  std::fflush(stdout);
  handle_line(line.data());
}

void Repl::watch_stdin(bool keeps_alive) {
  poll_.renew();
  if (const int rc = poll_.init(uv_poll_init, runtime_->loop(), STDIN_FILENO); rc != 0) {
    print_error(fmt::format("cannot watch stdin: {}", uv_strerror(rc)));
    stop();
    return;
  }
  poll_.get()->data = this;
  uv_poll_start(poll_.get(), UV_READABLE | UV_DISCONNECT, [](uv_poll_t* handle, int status, int events) {
    auto* self = static_cast<Repl*>(handle->data);
    if (status < 0 || (events & UV_DISCONNECT) != 0) {
      self->handle_eof();
      return;
    }
    self->on_readable();
  });
  if (!keeps_alive) uv_unref(poll_.base());
}

void Repl::on_readable() {
  editor_->callback_read_char();
  // A finished line with nothing to run (a continuation, a syntax error):
  // show the next prompt now; otherwise the pass that runs it will.
  if (fresh_prompt_needed_ && !runtime_->scheduler().has_ready()) {
    hide_prompt();
    show_prompt();
  }
}

void Repl::stop() {
  if (plain_) {
    if (active_) runtime_->remove_user_work();
    active_ = false;
    idle_.close();
    active_repl = nullptr;
    return;
  }
  if (!editor_) return;
  if (!active_ && !poll_.get()) return;
  if (active_) runtime_->remove_user_work();
  active_ = false;
  editor_->callback_handler_remove();
  if (!history_path_.empty()) editor_->write_history(history_path_.c_str());
  poll_.close();
  active_repl = nullptr;
}

void Repl::hide_prompt() {
  if (!active_ || plain_ || prompt_hidden_) return;
  std::fputs("\r\033[K", stdout);
  std::fflush(stdout);
  prompt_hidden_ = true;
}

void Repl::show_prompt() {
  if (!active_ || plain_) return;
  std::fflush(stdout);
  if (fresh_prompt_needed_) {
    // Re-arming callback mode resets libedit's line and draws the prompt.
    fresh_prompt_needed_ = false;
    prompt_hidden_ = false;
    editor_->callback_handler_remove();
    editor_->callback_handler_install(prompt_, &Repl::on_line);
    return;
  }
  if (!prompt_hidden_) return;
  prompt_hidden_ = false;
  editor_->forced_update_display();
}

void Repl::interrupt() {
  if (!active_) return;
  pending_.clear();
  eof_seen_ = false;
  prompt_ = kPrompt;
  std::fputs("^C\n", stdout);  // after what was typed, as shells do
  fresh_prompt_needed_ = true;
  show_prompt();
}

void Repl::on_line(char* line) {
  Repl* self = active_repl;
  if (self == nullptr) {
    std::free(line);
    return;
  }
  self->fresh_prompt_needed_ = true;
  if (line == nullptr) {
    self->handle_eof();
    return;
  }
  self->handle_line(line);
  std::free(line);
}

void Repl::handle_eof() {
  // First Ctrl-D: leave once the script's work is done; second: now.
  if (eof_seen_ || !active_) {
    stop();
    runtime_->request_stop();
    return;
  }
  eof_seen_ = true;
  std::fputs("\n", stdout);
  stop();
  if (!runtime_->has_user_work()) return;
  fmt::print("(waiting for pending timers; Ctrl-D again or Ctrl-C to quit now)\n");
  std::fflush(stdout);
  // Keep watching stdin for the second Ctrl-D, as infrastructure only.
  active_repl = this;
  editor_->callback_handler_install("", &Repl::on_line);
  watch_stdin(false);
}

void Repl::handle_line(char* line) {
  eof_seen_ = false;
  std::string code = line;
  const bool first_line = pending_.empty();
  if (!first_line) code = pending_ + "\n" + code;
  if (first_line && !code.empty() && code[0] == '=') code.erase(0, 1);  // lua 5.1's "=expr"
  if (first_line && code.find_first_not_of(" \t") == std::string::npos) return;

  lua_State* L = runtime_->state();
  // An expression first (so "1+2" prints 3), then a statement.
  for (const bool expression : {true, false}) {
    if (expression && !first_line) continue;
    CompilePlan plan{runtime_, &code, expression};
    lua_pushcfunction(L, &compile_entry);
    lua_pushlightuserdata(L, &plan);
    if (lua_pcall(L, 1, 0, 0) == LUA_OK) {
      submit(code);
      return;
    }
    if (expression) {
      lua_pop(L, 1);
      continue;
    }
    const char* message = lua_tostring(L, -1);
    if (message != nullptr && is_incomplete(message)) {
      lua_pop(L, 1);
      pending_ = code;
      prompt_ = kContinuationPrompt;
      return;
    }
    print_error(pop_error_message(L));
    submit(code);
    return;
  }
}

void Repl::submit(const std::string& chunk) {
  if (editor_) editor_->add_history(chunk.c_str());
  pending_.clear();
  prompt_ = kPrompt;
}

char** Repl::complete(const char* text, int, int) {
  Repl* self = active_repl;
  if (self == nullptr) return nullptr;
  *self->editor_->attempted_completion_over = 1;  // no file-name completion
  *self->editor_->completion_append_character = '\0';
  return self->editor_->completion_matches(text, &Repl::next_match);
}

char* Repl::next_match(const char* text, int state) {
  Repl* self = active_repl;
  if (self == nullptr) return nullptr;
  if (state == 0) self->collect_matches(text);
  if (self->next_match_ >= self->matches_.size()) return nullptr;
  return strdup(self->matches_[self->next_match_++].c_str());
}

void Repl::collect_matches(const char* text) {
  matches_.clear();
  next_match_ = 0;
  lua_State* L = runtime_->state();
  lua_pushcfunction(L, &matches_entry);
  lua_pushlightuserdata(L, &matches_);
  lua_pushstring(L, text);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) lua_pop(L, 1);
  std::sort(matches_.begin(), matches_.end());
}

}  // namespace plua::app
