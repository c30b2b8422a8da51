#include "debugger/debugger.hpp"

#include <fmt/format.h>
#include <uv.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime.hpp"
#include "lua/guard.hpp"
#include "tasks/thread_context.hpp"

extern const unsigned char plua_debugger_session[];
extern const std::size_t plua_debugger_session_size;

namespace plua::app::debugger {

namespace {

constexpr int kConnectTimeoutMs = 2000;
// Line events between two looks at the socket while nothing else asks for
// the session: how soon SUSPEND (or a breakpoint set while running) is seen.
constexpr std::uint32_t kPollEvery = 4096;
// While paused, how often the wait for the IDE looks for a Ctrl-C.
constexpr int kSignalCheckMs = 200;

// The hook has no user data: the one session of the run.
Session* g_session = nullptr;

bool readable(const Session& s) {
  if (s.begin < s.end) return true;
  pollfd p{s.socket.fd(), POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

// Why fill() got nothing.
enum class Fill { Ok, Gone, Interrupted };

// Blocks until the buffer holds more bytes. A signal that stops the run
// (Ctrl-C) ends the wait: the script resumes and the runtime stops it.
Fill fill(Session& s, const runtime::Runtime& runtime) {
  if (s.begin == s.end) s.begin = s.end = 0;
  if (s.end == sizeof s.buffer) {
    if (s.begin == 0) return Fill::Gone;  // a line longer than the buffer
    std::memmove(s.buffer, s.buffer + s.begin, s.end - s.begin);
    s.end -= s.begin;
    s.begin = 0;
  }
  for (;;) {
    // Not a bare recv, which SA_RESTART resumes after a signal: poll wakes
    // on one (EINTR), and its timeout covers a signal just before it.
    if (runtime.stopping()) return Fill::Interrupted;
    pollfd p{s.socket.fd(), POLLIN, 0};
    const int ready = ::poll(&p, 1, kSignalCheckMs);
    if (ready < 0 && errno != EINTR) return Fill::Gone;
    if (ready <= 0) continue;
    const ssize_t n = ::recv(s.socket.fd(), s.buffer + s.end, sizeof s.buffer - s.end, 0);
    if (n > 0) {
      s.end += static_cast<std::size_t>(n);
      return Fill::Ok;
    }
    if (n < 0 && errno == EINTR) continue;
    return Fill::Gone;
  }
}

// [-0, +2] nil and why fill() failed.
int push_failure(lua_State* L, Fill why) {
  lua_pushnil(L);
  lua_pushstring(L, why == Fill::Interrupted ? "interrupted" : "closed");
  return 2;
}

// Runs session.lua's on_line(line, pending) in the hooked thread. While it
// waits for the IDE the loop waits too; that time is not the task's.
void enter(lua_State* L, Session& s, int line, bool pending) {
  const std::uint64_t started = uv_hrtime();
  lua_rawgeti(L, LUA_REGISTRYINDEX, s.handler);
  lua_pushinteger(L, line);
  lua_pushboolean(L, pending ? 1 : 0);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
    std::fflush(stdout);
    std::fprintf(stderr, "plua: debugger: %s; going on without it\n", lua_tostring(L, -1));
    lua_pop(L, 1);
    s.attached = false;
    s.socket.close();
  }
  const std::uint64_t ms = (uv_hrtime() - started) / 1'000'000;
  if (ms > 0) runtime::runtime_of(L).exclude_pause(ms);
}

void hook(lua_State* L, lua_Debug* ar) {
  Session* s = g_session;
  if (s == nullptr || !s->attached) return;
  const int line = ar->currentline;
  const auto at = static_cast<std::size_t>(line);
  if (s->stepping || s->watching || (at < s->lines.size() && s->lines[at])) {
    enter(L, *s, line, false);
    return;
  }
  // The socket is looked at once per tick of the loop's clock (a short
  // callback between long idle waits still sees SUSPEND) and every
  // kPollEvery lines within one tick.
  if (++s->countdown < kPollEvery) {
    const std::uint64_t now = uv_now(s->loop);
    if (now == s->checked_at) return;
    s->checked_at = now;
  }
  s->countdown = 0;
  if (readable(*s)) enter(L, *s, line, true);
}

Session& session_of(lua_State* L) { return *static_cast<Session*>(lua_touserdata(L, lua_upvalueindex(1))); }

// send(text) -> true | nil: every byte, or the IDE has gone.
int l_send(lua_State* L) {
  Session& s = session_of(L);
  std::size_t size = 0;
  const char* data = luaL_checklstring(L, 1, &size);
  bool ok = s.attached;
  while (ok && size > 0) {
    const ssize_t n = ::send(s.socket.fd(), data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  if (!ok) return 0;
  lua_pushboolean(L, 1);
  return 1;
}

// receive() -> the next line (without its end) | nil, "closed" | "interrupted": blocks.
int l_receive(lua_State* L) {
  Session& s = session_of(L);
  if (!s.attached) return 0;
  for (;;) {
    const void* nl = std::memchr(s.buffer + s.begin, '\n', s.end - s.begin);
    if (nl != nullptr) {
      const std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(nl) - s.buffer);
      std::size_t size = stop - s.begin;
      if (size > 0 && s.buffer[s.begin + size - 1] == '\r') --size;
      lua_pushlstring(L, s.buffer + s.begin, size);
      s.begin = stop + 1;
      return 1;
    }
    if (const Fill why = fill(s, runtime::runtime_of(L)); why != Fill::Ok) return push_failure(L, why);
  }
}

// receive_bytes(n) -> n bytes | nil, why: blocks.
int l_receive_bytes(lua_State* L) {
  Session& s = session_of(L);
  const lua_Integer want = luaL_checkinteger(L, 1);
  if (!s.attached || want < 0) return 0;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  auto left = static_cast<std::size_t>(want);
  while (left > 0) {
    if (s.begin == s.end) {
      if (const Fill why = fill(s, runtime::runtime_of(L)); why != Fill::Ok) return push_failure(L, why);
    }
    const std::size_t take = std::min(left, s.end - s.begin);
    luaL_addlstring(&b, s.buffer + s.begin, take);
    s.begin += take;
    left -= take;
  }
  luaL_pushresult(&b);
  return 1;
}

// readable() -> whether a command waits (never blocks).
int l_readable(lua_State* L) {
  lua_pushboolean(L, readable(session_of(L)) ? 1 : 0);
  return 1;
}

// mark(line, on): the hook's view of which lines have a breakpoint.
int l_mark(lua_State* L) {
  Session& s = session_of(L);
  const lua_Integer line = luaL_checkinteger(L, 1);
  const bool on = lua_toboolean(L, 2) != 0;
  if (line < 0 || line > 10'000'000) return 0;
  return lua::after_cpp(L, [&] {
    const auto at = static_cast<std::size_t>(line);
    if (at >= s.lines.size()) {
      if (!on) return lua::pushed(0);
      s.lines.resize(at + 1, false);
    }
    s.lines[at] = on;
    return lua::pushed(0);
  });
}

// set_stepping(on), set_watching(on): send every line to on_line.
int l_set_stepping(lua_State* L) {
  session_of(L).stepping = lua_toboolean(L, 1) != 0;
  return 0;
}
int l_set_watching(lua_State* L) {
  session_of(L).watching = lua_toboolean(L, 1) != 0;
  return 0;
}

// detach(): closes the connection; the hook stays, doing nothing.
int l_detach(lua_State* L) {
  Session& s = session_of(L);
  s.attached = false;
  s.socket.close();
  return 0;
}

// cwd() -> the current directory | nil.
int l_cwd(lua_State* L) {
  char path[4096];
  if (::getcwd(path, sizeof path) == nullptr) return 0;
  lua_pushstring(L, path);
  return 1;
}

const luaL_Reg kNative[] = {
    {"send", &l_send},
    {"receive", &l_receive},
    {"receive_bytes", &l_receive_bytes},
    {"readable", &l_readable},
    {"mark", &l_mark},
    {"set_stepping", &l_set_stepping},
    {"set_watching", &l_set_watching},
    {"detach", &l_detach},
    {"cwd", &l_cwd},
    {nullptr, nullptr},
};

}  // namespace

bool parse_address(const std::string& text, Options& options, std::string& error) {
  const std::size_t colon = text.rfind(':');
  const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
  char* stop = nullptr;
  const long value = port.empty() ? -1 : std::strtol(port.c_str(), &stop, 10);
  if (value <= 0 || value > 65535 || *stop != '\0') {
    error = fmt::format("--debugger takes [HOST:]PORT (for example 8172 or 127.0.0.1:8172), not '{}'", text);
    return false;
  }
  options.port = static_cast<int>(value);
  if (colon != std::string::npos && colon > 0) options.host = text.substr(0, colon);
  options.enabled = true;
  return true;
}

bool Socket::connect(const std::string& host, int port, std::string& error) {
  close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    error = ::gai_strerror(rc);
    return false;
  }
  error = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc < 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = ::poll(&p, 1, kConnectTimeoutMs);
      if (rc == 0) {
        errno = ETIMEDOUT;
        rc = -1;
      } else if (rc > 0) {
        int so_error = 0;
        socklen_t len = sizeof so_error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        errno = so_error;
        rc = so_error == 0 ? 0 : -1;
      }
    }
    if (rc == 0) {
      // Blocking from now on: a paused run waits on it.
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      fd_ = fd;
      break;
    }
    error = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return fd_ >= 0;
}

void Socket::close() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool Extension::plan(const runtime::Options&, std::vector<runtime::Chunk>&, std::string&) { return true; }

bool Extension::connect() noexcept {
  try {
    std::string error;
    if (!session_.socket.connect(options_.host, options_.port, error)) {
      std::fflush(stdout);
      fmt::print(stderr, "plua: no debugger listening at {}:{} ({}); running without it\n", options_.host,
                 options_.port, error);
      std::fflush(stderr);
      return false;
    }
    session_.attached = true;
    return true;
  } catch (...) {
    return false;
  }
}

void Extension::install(lua_State* L) {
  if (!options_.enabled || !connect()) return;
  const char* source = reinterpret_cast<const char*>(plua_debugger_session);
  if (luaL_loadbufferx(L, source, plua_debugger_session_size, "=(debugger)", "t") != LUA_OK) lua_error(L);
  luaL_newlibtable(L, kNative);
  lua_pushlightuserdata(L, &session_);
  luaL_setfuncs(L, kNative, 1);
  lua_call(L, 1, 1);
  session_.handler = luaL_ref(L, LUA_REGISTRYINDEX);
  session_.loop = runtime::runtime_of(L).loop();
  g_session = &session_;
  // The first line of the script pauses, and the IDE sends its breakpoints.
  session_.stepping = true;
  // Before any task coroutine exists: each one copies this hook.
  lua_sethook(L, &hook, LUA_MASKLINE, 0);
}

}  // namespace plua::app::debugger
