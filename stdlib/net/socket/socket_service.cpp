#include "net/socket/socket_service.hpp"

#include <new>

#include "net/socket/socket_messages.hpp"
#include "net/socket/tcp_socket.hpp"
#include "net/socket/udp_socket.hpp"

namespace plua::stdlib::net {

SocketService::SocketService(runtime::Runtime& runtime) : runtime_(runtime) {
  runtime.catch_sigpipe();
  runtime.add_exit_hook([this] { shutdown(); });
}

SocketService::~SocketService() {
  // shutdown() normally ran as an exit hook. If not, the lua_State is
  // already closed: forget the refs instead of releasing them.
  for (auto& [id, delivery] : deliveries_) delivery.op.callbacks.abandon();
  deliveries_.clear();
}

// ---- sockets -------------------------------------------------------------------

std::uint64_t SocketService::open_tcp(std::uint64_t timeout_ms) {
  const std::uint64_t id = next_socket_++;
  tcp_.emplace(id, std::make_unique<TcpSocket>(*this, timeout_ms));
  return id;
}

std::uint64_t SocketService::open_udp(bool broadcast, std::uint64_t timeout_ms) {
  const std::uint64_t id = next_socket_++;
  udp_.emplace(id, std::make_unique<UdpSocket>(*this, broadcast, timeout_ms));
  return id;
}

TcpSocket* SocketService::tcp(std::uint64_t id) {
  const auto it = tcp_.find(id);
  return it == tcp_.end() ? nullptr : it->second.get();
}

UdpSocket* SocketService::udp(std::uint64_t id) {
  const auto it = udp_.find(id);
  return it == udp_.end() ? nullptr : it->second.get();
}

void SocketService::close_tcp(std::uint64_t id) noexcept {
  const auto it = tcp_.find(id);
  if (it == tcp_.end()) return;
  it->second->fail_all(kSocketClosed);
  tcp_.erase(it);
}

void SocketService::close_udp(std::uint64_t id) noexcept {
  const auto it = udp_.find(id);
  if (it == udp_.end()) return;
  it->second->fail_all(kSocketClosed);
  udp_.erase(it);
}

void SocketService::forget_tcp(std::uint64_t id) noexcept { tcp_.erase(id); }

void SocketService::forget_udp(std::uint64_t id) noexcept { udp_.erase(id); }

// ---- operations ----------------------------------------------------------------

Operation SocketService::begin(lua::Ref callbacks, runtime::Origin origin, const char* what) noexcept {
  runtime_.add_request();
  return Operation{std::move(callbacks), origin, what};
}

void SocketService::finish(Operation op, Outcome outcome) noexcept {
  runtime_.remove_request();
  if (closed_ || !op.callbacks) return;  // nothing to call, or too late to call it
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, op.origin, op.what};
  const std::uint64_t id = next_delivery_++;
  try {
    deliveries_.emplace(id, Delivery{std::move(op), std::move(outcome)});
    const auto run = [](lua_State* L, void* self, std::uint64_t delivery_id) {
      return static_cast<SocketService*>(self)->deliver(L, delivery_id);
    };
    runtime_.scheduler().post(runtime::Job{run, this, id, label});
  } catch (const std::bad_alloc&) {
    deliveries_.erase(id);  // the callback cannot be queued: dropped
  }
}

void SocketService::discard(Operation op) noexcept {
  runtime_.remove_request();
  op.callbacks.reset();
}

// Protected code on the main thread. The delivery stays registered until
// its values are on the stack, so a memory error leaves nothing unowned.
int SocketService::deliver(lua_State* L, std::uint64_t id) {
  const auto it = deliveries_.find(id);
  if (it == deliveries_.end()) return -1;
  const Outcome& outcome = it->second.outcome;
  int nargs = -1;
  it->second.op.callbacks.push(L);
  lua_rawgeti(L, -1, outcome.ok ? 1 : 2);
  lua_remove(L, -2);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
  } else if (!outcome.ok) {
    lua_pushlstring(L, outcome.text.data(), outcome.text.size());
    nargs = 1;
  } else {
    switch (outcome.shape) {
      case Outcome::Shape::Nothing:
        nargs = 0;
        break;
      case Outcome::Shape::Data:
        lua_pushlstring(L, outcome.text.data(), outcome.text.size());
        nargs = 1;
        break;
      case Outcome::Shape::Datagram:
        lua_pushlstring(L, outcome.text.data(), outcome.text.size());
        lua_pushlstring(L, outcome.ip.data(), outcome.ip.size());
        lua_pushinteger(L, outcome.port);
        nargs = 3;
        break;
    }
  }
  deliveries_.erase(it);
  return nargs;
}

// ---- the end -------------------------------------------------------------------

void SocketService::shutdown() noexcept {
  if (closed_) return;
  closed_ = true;
  tcp_.clear();  // each discards what is pending and closes its handles
  udp_.clear();
  deliveries_.clear();  // releases the callbacks: the lua_State is still open
}

}  // namespace plua::stdlib::net
