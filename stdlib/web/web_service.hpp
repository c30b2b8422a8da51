#pragma once
// The web server's per-Runtime state (runtime.service<WebService>()): a
// listening uv_tcp_t on the Runtime's loop serving HTTP/1.1, and its
// connections (web_connection.hpp), read with http-parser
// (http_reader.hpp). Node's design: the socket stays registered for input
// while it lives, and an answer is written straight from the task that
// made it, so a kept-alive request costs one read and one write.
//
// libuv calls us with bytes: there we only collect the request (method,
// path with its query, body up to kMaxBody). A complete request is posted
// to the scheduler as a job that calls the fixed Lua handler
// plua.web.handle(id, method, path, body); the handler calls
// respond(id, status, body), which writes the answer at once. No request
// runs code of its own.
//
// WebSocket: a client connected to kEventsPath gets every controller event
// (model.on_emit) as a JSON text frame, pushed by broadcast(): the
// EventStream (event_stream.hpp), on libwebsockets, which takes the
// socket over after the upgrade request.
//
// User work: a request counts from its job being posted until its answer is
// all handed to the socket (or its connection is gone), so an answer is
// never cut off by the end of the run. The listening socket and idle
// connections are not user work: the run still ends when the QuickApp has
// nothing pending.

#include <lua.hpp>
#include <uv.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime.hpp"
#include "uv/handle.hpp"
#include "web/event_stream.hpp"
#include "web/web_connection.hpp"

namespace plua::stdlib::web {

class WebService final : public runtime::Service {
 public:
  explicit WebService(runtime::Runtime& runtime);
  WebService(const WebService&) = delete;
  WebService& operator=(const WebService&) = delete;
  ~WebService() override;

  // Starts serving on host:port (an IPv4 or IPv6 address). False with
  // `why` set ("Address already in use", ...) when it cannot; then nothing
  // was started. May throw std::bad_alloc.
  bool listen(const std::string& host, int port, std::string& why);
  bool listening() const { return listening_; }

  // The Lua handler's answer to request `id` (ignored when its connection is
  // gone meanwhile). May throw std::bad_alloc.
  // `html`: a page (text/html) rather than JSON.
  void respond(std::uint64_t id, int status, std::string_view body, bool html = false);
  // Lua answers request `id` later (a /refreshStates long-poll waiting for
  // an event): until then it no longer keeps the run alive.
  void hold(std::uint64_t id);

  // Queues `text` for every WebSocket client. May throw std::bad_alloc.
  void broadcast(std::string_view text);
  std::size_t clients() const { return events_ ? events_->clients() : 0; }

  // ---- for the connections ----
  runtime::Runtime& runtime() { return runtime_; }
  std::uint64_t now() { return runtime_.real_now(); }
  // Where libuv reads into: one buffer for all, consumed before the next read.
  uv_buf_t read_buffer() { return uv_buf_init(read_buffer_.data(), static_cast<unsigned int>(read_buffer_.size())); }
  // A whole request: posted to Lua; its id. May throw std::bad_alloc.
  std::uint64_t request_read(const Connection& connection, const HttpReader& reader);
  // Its answer is out, or its connection gone (0: none).
  void request_ended(std::uint64_t id);
  // Hands the connection's socket (`handle`) and its upgrade request to
  // the event stream; false with `why` when it cannot take it.
  bool adopt_websocket(uv_handle_t* handle, std::string_view request, std::string& why);
  // Destroys the connection: libuv callbacks call this on their way out.
  void erase(std::uint64_t connection);

 private:
  struct Request {
    std::uint64_t connection = 0;
    std::string method, path, body;
    bool held = false;  // Lua answers later (a long-poll): not user work meanwhile
  };
  static void on_connection(uv_stream_t* server, int status);
  static void on_sweep(uv_timer_t* timer);
  int deliver(lua_State* L, std::uint64_t id);
  void shutdown() noexcept;

  runtime::Runtime& runtime_;
  uv::Handle<uv_tcp_t> listener_;
  uv::Handle<uv_timer_t> sweep_;
  bool listening_ = false;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
  std::unordered_map<std::uint64_t, Request> requests_;
  std::vector<char> read_buffer_;
  std::unique_ptr<EventStream> events_;  // made for the first WebSocket client
  std::uint64_t next_id_ = 1;
};

}  // namespace plua::stdlib::web
