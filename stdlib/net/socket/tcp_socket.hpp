#pragma once
// One net.TCPSocket: its uv_tcp_t, the bytes received and not read yet,
// and the operations the script started on it. Owned by the SocketService.
//
// libuv callbacks reach the socket through the handle's `data` (and a
// request's handle), which is cleared before the handle closes: a write or
// connect cancelled by the close then finds no socket and only frees its
// request.
//
// Reads queue in order: read() takes whatever is buffered (at least one
// byte), readUntil(d) the bytes before the first d (d is consumed, the
// rest stays). The socket reads from the kernel only while a read waits,
// and the timeout (if any) limits the connect and each waiting read.

#include <uv.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "net/socket/resolver.hpp"
#include "net/socket/socket_operation.hpp"
#include "uv/handle.hpp"

namespace plua::stdlib::net {

class SocketService;

class TcpSocket {
 public:
  // Throws std::runtime_error when libuv refuses, std::bad_alloc.
  TcpSocket(SocketService& service, std::uint64_t timeout_ms);
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;
  // Closes the handles; what is still pending is discarded (no callbacks).
  ~TcpSocket();

  // Each takes `op` over and finishes it through the service, now (an
  // error such as "not connected") or when libuv is done. May throw
  // std::bad_alloc, and then leaves `op` untouched.
  void connect(const std::string& host, int port, Operation&& op);
  void send(const std::string& data, Operation&& op);
  void read(Operation&& op);
  void read_until(const std::string& delimiter, Operation&& op);

  // Fails everything pending with `message` (their error callbacks run).
  void fail_all(const char* message) noexcept;

 private:
  enum class State : std::uint8_t { Idle, Resolving, Connecting, Connected };
  struct Read {
    Operation op;
    std::string delimiter;  // empty: read()
    std::uint64_t serial;
  };

  void open_handle();
  void reset_handle() noexcept;  // back to Idle after a failed connect
  void start_connect(const sockaddr* addr) noexcept;
  void connect_failed(int status, bool timed_out) noexcept;
  void finish_connect(Outcome outcome) noexcept;
  // Completes the reads the buffer (or the end of input) can answer, then
  // reads on (with the head's timeout) or stops reading.
  void pump() noexcept;
  void arm_timer() noexcept;
  void stop_timer() noexcept;
  void discard_all() noexcept;

  static void on_resolved(void* self, int status, const sockaddr* addr);
  static void on_connect(uv_connect_t* req, int status);
  static void on_write(uv_write_t* req, int status);
  static void on_alloc(uv_handle_t* handle, std::size_t suggested, uv_buf_t* buf);
  static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf);
  static void on_timeout(uv_timer_t* timer);

  SocketService& service_;
  std::uint64_t timeout_ms_;  // 0: none
  uv::Handle<uv_tcp_t> tcp_;
  uv::Handle<uv_timer_t> timer_;
  LookupPtr lookup_;
  State state_ = State::Idle;
  std::string host_;  // of the connect, for messages
  int port_ = 0;
  std::optional<Operation> connecting_;
  std::deque<Operation> sends_;  // in write order: libuv completes them so
  std::deque<Read> reads_;
  std::string buffer_;           // received, not read yet
  std::vector<char> chunk_;      // libuv reads into this
  int read_status_ = 0;          // UV_EOF or the error that ended input
  bool reading_ = false;
  std::uint64_t next_serial_ = 1;
  std::uint64_t timed_serial_ = 0;  // the read the timer runs for
};

}  // namespace plua::stdlib::net
