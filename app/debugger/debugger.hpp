#pragma once
// The debuggee side of the MobDebug wire protocol (ZeroBrane Studio, the
// VS Code MobDebug adapters). With --debugger, plua connects to the IDE at
// start-up and installs one C line hook on the main state before any task
// coroutine exists: lua_newthread copies it into every coroutine made
// afterwards, the runtime's tasks and the script's own. Without
// --debugger nothing is installed and nothing costs.
//
// The hook is C and filters every line event on its own (a line with a
// breakpoint in some file, a step pending, a watch set, or a look at the
// socket for SUSPEND once per loop tick or few thousand lines); only then it calls
// session.lua, which holds the protocol. While the session waits for the
// IDE the whole runtime waits with it: the hook runs on the loop's thread.

#include <lua.hpp>
#include <uv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extension.hpp"

namespace plua::app::debugger {

struct Options {
  bool enabled = false;
  std::string host = "127.0.0.1";
  int port = 8172;
};

// "[HOST:]PORT" into `options`; false (and `error` set) when it is not one.
bool parse_address(const std::string& text, Options& options, std::string& error);

// A connected TCP socket, closed with its owner.
class Socket {
 public:
  Socket() = default;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() { close(); }
  // Connects (a few seconds at most); false with `error` set on failure.
  bool connect(const std::string& host, int port, std::string& error);
  void close() noexcept;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// What the hook and the session's native functions share. One per run.
struct Session {
  Socket socket;
  bool attached = false;
  bool stepping = false;  // every line goes to the Lua side
  bool watching = false;  // a watch expression is set: likewise
  std::vector<bool> lines;  // lines with a breakpoint in some file
  std::uint32_t countdown = 0;
  uv_loop_t* loop = nullptr;    // its time says when the socket was looked at last
  std::uint64_t checked_at = 0;
  int handler = LUA_NOREF;  // registry ref of session.lua's on_line
  // Received bytes not handed out yet.
  char buffer[16384];
  std::size_t begin = 0, end = 0;
};

class Extension : public runtime::BootExtension {
 public:
  explicit Extension(Options options) : options_(std::move(options)) {}
  bool plan(const runtime::Options& options, std::vector<runtime::Chunk>& chunks, std::string& error) override;
  void install(lua_State* L) override;

 private:
  // The C++ half of install(): connects, or says once that nobody listens.
  bool connect() noexcept;

  Options options_;
  Session session_;
};

}  // namespace plua::app::debugger
