#pragma once
// Turning a host and port into a socket address: numeric addresses at
// once, host names through uv_getaddrinfo on libuv's thread pool.
//
// A Lookup cannot be taken back from libuv, so its owner holds it through
// a LookupPtr: dropping that detaches the owner (and asks libuv to cancel),
// and the Lookup frees itself when libuv is done with it. When it does
// finish, the owner's callback runs once and must release() its LookupPtr.

#include <sys/socket.h>
#include <uv.h>

#include <cstdint>
#include <memory>
#include <string>

namespace plua::stdlib::net {

// A numeric IPv4 or IPv6 address with the port; false if `host` is not one.
bool parse_numeric(const std::string& host, int port, sockaddr_storage& out);

// "1.2.3.4" / "::1" and the port of an address.
std::string address_text(const sockaddr* addr);
int address_port(const sockaddr* addr);

class Lookup {
 public:
  // status: 0 and the address (the first IPv4 one, as the HC3 only speaks
  // IPv4, else the first one), or a uv error and nullptr.
  using Done = void (*)(void* owner, int status, const sockaddr* addr);
  // Starts resolving; returns nullptr and sets `rc` when libuv refuses.
  // Throws std::bad_alloc.
  static Lookup* start(uv_loop_t* loop, const std::string& host, int port, Done done, void* owner, int& rc);
  // The owner goes away: `done` will not be called.
  void detach() noexcept;

 private:
  Lookup(Done done, void* owner) : done_(done), owner_(owner) {}
  static void on_resolved(uv_getaddrinfo_t* req, int status, addrinfo* result);

  uv_getaddrinfo_t req_{};
  Done done_;
  void* owner_;
};

struct LookupDetach {
  void operator()(Lookup* lookup) const noexcept { lookup->detach(); }
};
using LookupPtr = std::unique_ptr<Lookup, LookupDetach>;

}  // namespace plua::stdlib::net
