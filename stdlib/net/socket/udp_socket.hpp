#pragma once
// One net.UDPSocket: its uv_udp_t, the datagrams being resolved or sent,
// and the receives waiting in order. Owned by the SocketService.
//
// The socket binds on first use to an ephemeral port on every interface
// (IPv4, or IPv6 when the first datagram goes to an IPv6 address), or
// where bind() says (the HC3's udp:bind(ip, port), with address reuse, so
// that listeners such as SSDP's can share a port), and then allows
// broadcasts if asked to. It reads from the kernel only while
// a receive waits: datagrams that arrive meanwhile wait in the kernel.
// The timeout (if any) limits each waiting receive.

#include <uv.h>

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "net/socket/resolver.hpp"
#include "net/socket/socket_operation.hpp"
#include "uv/handle.hpp"

namespace plua::stdlib::net {

class SocketService;

class UdpSocket {
 public:
  // Throws std::runtime_error when libuv refuses, std::bad_alloc.
  UdpSocket(SocketService& service, bool broadcast, std::uint64_t timeout_ms);
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;
  // Closes the handles; what is still pending is discarded (no callbacks).
  ~UdpSocket();

  // As for TcpSocket: `op` is taken over (unless they throw) and finished through the service.
  void send_to(const std::string& data, const std::string& host, int port, Operation&& op);
  void receive(Operation&& op);
  // Binds now to host (a numeric address: "0.0.0.0", "::", an interface's)
  // and port (0: any), so receives see what is sent to that port. A uv
  // status: UV_EINVAL for a host that is not numeric, UV_EALREADY for a
  // socket that is bound already (sendTo and receive bind on first use).
  int bind(const std::string& host, int port) noexcept;

  // Fails everything pending with `message` (their error callbacks run).
  void fail_all(const char* message) noexcept;

 private:
  // A sendTo: resolving its host, then in flight.
  struct Datagram {
    UdpSocket* socket;
    std::uint64_t tag;
    Operation op;
    std::string data;  // moved to the send request once resolved
    std::string host;
    LookupPtr lookup;
  };
  struct Receive {
    Operation op;
    std::uint64_t serial;
  };

  int bind_for(int family) noexcept;
  void transmit(Datagram& datagram, const sockaddr* addr) noexcept;
  void fail_send(std::uint64_t tag, int status, bool resolving) noexcept;
  void pump() noexcept;
  void arm_timer() noexcept;
  void stop_timer() noexcept;
  void discard_all() noexcept;

  static void on_resolved(void* datagram, int status, const sockaddr* addr);
  static void on_send(uv_udp_send_t* req, int status);
  static void on_alloc(uv_handle_t* handle, std::size_t suggested, uv_buf_t* buf);
  static void on_receive(uv_udp_t* handle, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned flags);
  static void on_timeout(uv_timer_t* timer);

  SocketService& service_;
  bool broadcast_;
  std::uint64_t timeout_ms_;  // 0: none
  uv::Handle<uv_udp_t> udp_;
  uv::Handle<uv_timer_t> timer_;
  std::unordered_map<std::uint64_t, Datagram> sends_;  // node-based: stable for the lookups
  std::deque<Receive> receives_;
  std::vector<char> chunk_;  // libuv receives into this
  bool bound_ = false;
  bool receiving_ = false;
  std::uint64_t next_tag_ = 1;
  std::uint64_t next_serial_ = 1;
  std::uint64_t timed_serial_ = 0;  // the receive the timer runs for
};

}  // namespace plua::stdlib::net
