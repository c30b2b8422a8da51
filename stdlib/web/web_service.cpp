#include "web/web_service.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace plua::stdlib::web {

namespace {

constexpr const char* kRequestWhat = "web API request";
constexpr std::uint64_t kSweepMs = 1000;
constexpr int kBacklog = 511;
constexpr std::size_t kMaxConnections = 1000;

// libuv's errors are negated errno values on Unix: the C library's text
// ("Address already in use").
std::string why_of(int uv_error) { return std::strerror(-uv_error); }

}  // namespace

WebService::WebService(runtime::Runtime& runtime) : runtime_(runtime) {
  // An answer written to a client that went away fails with EPIPE instead
  // of killing the process (libuv writes with write(2), not MSG_NOSIGNAL).
  runtime_.catch_sigpipe();
  // The exit hooks run while the loop is still whole: the handles close there.
  runtime_.add_exit_hook([this] { shutdown(); });
  runtime_.add_open_report([this](std::vector<std::string>& parts) {
    const std::size_t n = clients();
    if (n > 0) parts.push_back(fmt::format("{} {} client{} connected", n, kEventsPath, n == 1 ? "" : "s"));
  });
}

WebService::~WebService() { shutdown(); }

bool WebService::listen(const std::string& host, int port, std::string& why) {
  if (listening_) {
    why = "already serving";
    return false;
  }
  if (port < 1 || port > 65535) {
    why = "the port must be 1 to 65535";
    return false;
  }
  sockaddr_storage address{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
  unsigned int flags = 0;
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    flags = UV_TCP_IPV6ONLY;
  } else {
    why = "not an IP address";
    return false;
  }
  uv_loop_t* loop = runtime_.loop();
  if (const int rc = listener_.init(uv_tcp_init, loop); rc != 0) {
    why = why_of(rc);
    listener_.renew();
    return false;
  }
  listener_.get()->data = this;
  int rc = uv_tcp_bind(listener_.get(), reinterpret_cast<const sockaddr*>(&address), flags);
  // libuv may report a bind error (address in use) only at listen.
  if (rc == 0) rc = uv_listen(reinterpret_cast<uv_stream_t*>(listener_.get()), kBacklog, &WebService::on_connection);
  if (rc != 0) {
    why = why_of(rc);
    listener_.renew();
    return false;
  }
  if (read_buffer_.empty()) read_buffer_.resize(64 * 1024);
  sweep_.init_or_throw("the web server's idle timer", uv_timer_init, loop);
  sweep_.get()->data = this;
  uv_timer_start(sweep_.get(), &WebService::on_sweep, kSweepMs, kSweepMs);
  uv_unref(sweep_.base());  // housekeeping: never keeps the loop alive
  listening_ = true;
  return true;
}

void WebService::shutdown() noexcept {
  if (!listening_ && connections_.empty()) return;
  for (auto& [id, request] : requests_) {
    if (!request.held) runtime_.remove_user_work();
  }
  requests_.clear();
  connections_.clear();
  if (events_) events_->shutdown();
  listener_.close();
  sweep_.close();
  listening_ = false;
}

// ---- libuv -> us (no Lua here) ----------------------------------------------------

void WebService::on_connection(uv_stream_t* server, int status) {
  auto* self = static_cast<WebService*>(server->data);
  if (self == nullptr || status < 0) return;
  try {
    const std::uint64_t id = self->next_id_++;
    auto connection = std::make_unique<Connection>(*self, id, self->runtime_.loop());
    if (uv_accept(server, connection->stream()) != 0) return;
    // Beyond the limit a new connection is closed at once: a flood of
    // sockets cannot take every descriptor the run has.
    if (self->connections_.size() >= kMaxConnections) return;
    if (!connection->start(self->now())) return;
    self->connections_.emplace(id, std::move(connection));
  } catch (const std::bad_alloc&) {
    // No memory for it: the connection is closed unanswered.
  } catch (const std::runtime_error&) {
    // libuv refused a handle: the same.
  }
}

void WebService::on_sweep(uv_timer_t* timer) {
  auto* self = static_cast<WebService*>(timer->data);
  const std::uint64_t now = self->now();
  std::vector<std::uint64_t> expired;
  try {
    for (const auto& [id, connection] : self->connections_) {
      if (connection->expired(now)) expired.push_back(id);
    }
  } catch (const std::bad_alloc&) {
    // The next sweep tries again.
  }
  for (const std::uint64_t id : expired) self->erase(id);
}

void WebService::erase(std::uint64_t id) {
  const auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection& connection = *it->second;
  request_ended(connection.request());
  connections_.erase(it);
}

// ---- requests: to Lua and back ---------------------------------------------------

std::uint64_t WebService::request_read(const Connection& connection, const HttpReader& reader) {
  const std::uint64_t id = next_id_++;
  Request& r = requests_[id];
  r.connection = connection.id();
  r.method = reader.method();
  r.path = reader.path();
  r.body = reader.body();
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, runtime::Origin{}, kRequestWhat};
  const auto run = [](lua_State* L, void* self, std::uint64_t request_id) {
    return static_cast<WebService*>(self)->deliver(L, request_id);
  };
  try {
    runtime_.scheduler().post(runtime::Job{run, this, id, label});
  } catch (const std::bad_alloc&) {
    requests_.erase(id);
    throw;
  }
  runtime_.add_user_work();
  return id;
}

void WebService::request_ended(std::uint64_t id) {
  if (id == 0) return;
  const auto it = requests_.find(id);
  if (it == requests_.end()) return;
  if (!it->second.held) runtime_.remove_user_work();
  requests_.erase(it);
}

// Protected code on a task thread: pushes plua.web.handle and
// (id, method, path, body or nil); -1 when the request is gone.
int WebService::deliver(lua_State* L, std::uint64_t id) {
  const auto it = requests_.find(id);
  if (it == requests_.end()) return -1;
  const Request& r = it->second;
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, "plua.web");
  lua_remove(L, -2);
  if (lua_type(L, -1) != LUA_TTABLE) {
    lua_pop(L, 1);
    return -1;
  }
  lua_getfield(L, -1, "handle");
  lua_remove(L, -2);
  lua_pushinteger(L, static_cast<lua_Integer>(id));
  lua_pushlstring(L, r.method.data(), r.method.size());
  lua_pushlstring(L, r.path.data(), r.path.size());
  if (r.body.empty()) {
    lua_pushnil(L);
  } else {
    lua_pushlstring(L, r.body.data(), r.body.size());
  }
  return 4;
}

void WebService::respond(std::uint64_t id, int status, std::string_view body, bool html) {
  const auto it = requests_.find(id);
  if (it == requests_.end()) return;
  const std::uint64_t connection_id = it->second.connection;
  const auto found = connections_.find(connection_id);
  if (found == connections_.end() || found->second->request() != id) {
    request_ended(id);
    return;
  }
  Connection& connection = *found->second;
  // At once, from this task: no round through the loop for a socket that
  // takes the answer. The request ends when all of it is with the kernel.
  connection.answer(status, html ? kHtml : kJson, body);
  if (connection.dead()) erase(connection_id);
}

void WebService::hold(std::uint64_t id) {
  const auto it = requests_.find(id);
  if (it == requests_.end() || it->second.held) return;
  it->second.held = true;
  runtime_.remove_user_work();
}

// ---- WebSocket: the event stream ------------------------------------------------

bool WebService::adopt_websocket(uv_handle_t* handle, std::string_view request, std::string& why) {
  uv_os_fd_t fd = -1;
  if (uv_fileno(handle, &fd) != 0) {
    why = "the connection has no socket";
    return false;
  }
  // A copy for lws: libuv closes its own (no FIN while the copy lives).
  const int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    why = std::strerror(errno);
    return false;
  }
  if (!events_) events_ = std::make_unique<EventStream>(runtime_);
  if (!events_->adopt(copy, request, why)) {
    close(copy);
    return false;
  }
  return true;
}

void WebService::broadcast(std::string_view text) {
  if (events_) events_->broadcast(text);
}

}  // namespace plua::stdlib::web
