#pragma once
// One accepted connection of the web server: its uv_tcp_t and the request
// being read (HttpReader). A WebSocket upgrade on kEventsPath leaves
// plua's HTTP code: the socket and the request's bytes go to the
// EventStream (lws). Owned by the WebService, which alone
// destroys it: a connection that must go only says so (dead()), and the
// libuv callback that noticed erases it on its way out.
//
// HTTP: one request at a time. While one is being answered, the bytes
// read after it (a pipelined request) wait in `pending_` (reading pauses
// beyond a request's worth). An answer goes out at once with
// uv_try_write; what the socket does not take goes through uv_write, and
// the request ends when that write completes. A connection that is not
// kept alive ends with a lingering close: FIN, then its input is read and
// dropped until the peer closes or kLingerMs pass, so that a client still
// sending (a refused body) gets the answer rather than a reset.

#include <uv.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "uv/handle.hpp"
#include "web/http_reader.hpp"

namespace plua::stdlib::web {

class WebService;

inline constexpr const char* kEventsPath = "/api/events";
inline constexpr const char* kJson = "application/json;charset=UTF-8";
inline constexpr const char* kHtml = "text/html;charset=UTF-8";

class Connection {
 public:
  enum class State : std::uint8_t { Http, Lingering };
  // Idle limits, checked by the service's sweep: a kept-alive connection
  // with no request, or a request whose headers or body stop coming.
  static constexpr std::uint64_t kIdleMs = 5000;
  static constexpr std::uint64_t kLingerMs = 2000;

  Connection(WebService& service, std::uint64_t id, uv_loop_t* loop);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  uv_stream_t* stream() { return reinterpret_cast<uv_stream_t*>(tcp_.get()); }
  // After uv_accept: reads from now on. False when libuv refuses.
  bool start(std::uint64_t now);

  std::uint64_t id() const { return id_; }
  State state() const { return state_; }
  bool dead() const { return dead_; }
  // The request being answered (0: none).
  std::uint64_t request() const { return request_; }
  // For the sweep: whether the connection has stood idle too long.
  bool expired(std::uint64_t now) const;

  // The answer to the current request; then the next one is read (or the
  // connection lingers and closes). May throw std::bad_alloc.
  void answer(int status, const char* type, std::string_view body);
  void kill() { dead_ = true; }

 private:
  struct Write;
  static void on_alloc(uv_handle_t* handle, std::size_t suggested, uv_buf_t* buf);
  static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf);
  static void on_write(uv_write_t* req, int status);
  static void on_shutdown(uv_shutdown_t* req, int status);

  void read(const char* data, std::size_t size);
  void read_http(const char* data, std::size_t size);
  void refuse(HttpReader::Error error);
  void refuse_with(int status, std::string_view body);
  void upgrade(const char* rest, std::size_t size);
  // Hands `data` to the socket: at once if it takes it all, else through
  // uv_write. True when it was all written at once.
  bool write(std::string data);
  void answered();
  void linger();
  void stop_reading();

  WebService& service_;
  std::uint64_t id_;
  uv::Handle<uv_tcp_t> tcp_;
  HttpReader reader_;
  State state_ = State::Http;
  bool dead_ = false;
  bool reading_ = false;
  bool close_after_ = false;  // the answer in flight ends the connection
  bool peer_done_ = false;    // the peer half-closed after its request
  bool answering_ = false;    // an answer is being written
  std::uint64_t request_ = 0;
  std::size_t writes_ = 0;  // uv_write requests in flight
  std::uint64_t last_active_ = 0;
  std::uint64_t started_at_ = 0;  // the first byte of the request being read
  std::string pending_;  // read after the current request, not parsed yet
  std::string raw_;      // the current request's bytes, up to kMaxUpgradeRequest (for an upgrade)
};

}  // namespace plua::stdlib::web
