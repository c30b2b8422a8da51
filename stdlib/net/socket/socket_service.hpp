#pragma once
// The sockets' per-Runtime state (runtime.service<SocketService>()): the
// open net.TCPSocket / net.UDPSocket objects by the id their Lua object
// holds, and the outcomes waiting for their turn in the ready queue.
//
// Sockets only run "fast" libuv callbacks; a finished operation goes
// through finish(), which posts a job that pushes the script's success or
// error callback and its arguments when its turn comes. No Lua runs inside
// a libuv callback.
//
// User work: an operation counts as a request in flight from begin() until
// its job is posted (the job then counts until it has run). An open socket
// with nothing pending is not user work.

#include <lua.hpp>

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "lua/ref.hpp"
#include "net/socket/socket_operation.hpp"
#include "runtime.hpp"

namespace plua::stdlib::net {

class TcpSocket;
class UdpSocket;

class SocketService final : public runtime::Service {
 public:
  // Has the runtime catch SIGPIPE (Runtime::catch_sigpipe): a write to a
  // connection the peer closed then fails with EPIPE instead of killing
  // the process, as under Python's PLua.
  explicit SocketService(runtime::Runtime& runtime);
  SocketService(const SocketService&) = delete;
  SocketService& operator=(const SocketService&) = delete;
  ~SocketService() override;

  uv_loop_t* loop() { return runtime_.loop(); }
  // The exit hooks ran: no socket can be opened any more.
  bool closed() const { return closed_; }

  // Opens a socket and returns its id (never 0). Throws std::bad_alloc or
  // std::runtime_error (libuv refused).
  std::uint64_t open_tcp(std::uint64_t timeout_ms);
  std::uint64_t open_udp(bool broadcast, std::uint64_t timeout_ms);
  // The open socket with that id, or nullptr (closed).
  TcpSocket* tcp(std::uint64_t id);
  UdpSocket* udp(std::uint64_t id);
  // socket:close(): what is pending fails with kSocketClosed, the handles close.
  void close_tcp(std::uint64_t id) noexcept;
  void close_udp(std::uint64_t id) noexcept;
  // The Lua object was collected: nothing can be pending (see Operation).
  void forget_tcp(std::uint64_t id) noexcept;
  void forget_udp(std::uint64_t id) noexcept;

  // An operation starts: a request in flight until finish() or discard().
  Operation begin(lua::Ref callbacks, runtime::Origin origin, const char* what) noexcept;
  // It ended: its callback is queued as a task (dropped if memory runs out).
  void finish(Operation op, Outcome outcome) noexcept;
  // It will never end (the process is exiting): no callback, refs released.
  void discard(Operation op) noexcept;

 private:
  struct Delivery {
    Operation op;
    Outcome outcome;
  };
  // The posted job: pushes the callback and its arguments (see Scheduler::post).
  int deliver(lua_State* L, std::uint64_t id);
  // Exit hook: drops what is pending and closes every socket while the
  // lua_State is still open.
  void shutdown() noexcept;

  runtime::Runtime& runtime_;
  std::unordered_map<std::uint64_t, std::unique_ptr<TcpSocket>> tcp_;
  std::unordered_map<std::uint64_t, std::unique_ptr<UdpSocket>> udp_;
  std::unordered_map<std::uint64_t, Delivery> deliveries_;
  std::uint64_t next_socket_ = 1;
  std::uint64_t next_delivery_ = 1;
  bool closed_ = false;
};

}  // namespace plua::stdlib::net
