#include "net/socket/udp_socket.hpp"

#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

#include "net/socket/settle.hpp"
#include "net/socket/socket_messages.hpp"
#include "net/socket/socket_service.hpp"

namespace plua::stdlib::net {

namespace {

constexpr std::size_t kChunkSize = 64 * 1024;  // the largest UDP payload fits

// A datagram in flight: libuv needs the bytes until its callback.
struct SendRequest {
  uv_udp_send_t req{};
  std::string data;
  std::uint64_t tag = 0;
};

}  // namespace

UdpSocket::UdpSocket(SocketService& service, bool broadcast, std::uint64_t timeout_ms)
    : service_(service), broadcast_(broadcast), timeout_ms_(timeout_ms) {
  if (const int rc = udp_.init(uv_udp_init, service.loop()); rc != 0) throw std::runtime_error(uv_strerror(rc));
  udp_.get()->data = this;
  if (const int rc = timer_.init(uv_timer_init, service.loop()); rc != 0) throw std::runtime_error(uv_strerror(rc));
  timer_.get()->data = this;
}

UdpSocket::~UdpSocket() {
  discard_all();
  udp_.get()->data = nullptr;
}

int UdpSocket::bind_for(int family) noexcept {
  if (bound_) return 0;
  sockaddr_storage any{};
  if (family == AF_INET6) {
    uv_ip6_addr("::", 0, reinterpret_cast<sockaddr_in6*>(&any));
  } else {
    uv_ip4_addr("0.0.0.0", 0, reinterpret_cast<sockaddr_in*>(&any));
  }
  if (const int rc = uv_udp_bind(udp_.get(), reinterpret_cast<const sockaddr*>(&any), 0); rc != 0) return rc;
  bound_ = true;
  return broadcast_ ? uv_udp_set_broadcast(udp_.get(), 1) : 0;
}

int UdpSocket::bind(const std::string& host, int port) noexcept {
  if (bound_) return UV_EALREADY;
  sockaddr_storage addr{};
  try {
    if (!parse_numeric(host, port, addr)) return UV_EINVAL;
  } catch (...) {
    return UV_ENOMEM;
  }
  if (const int rc = uv_udp_bind(udp_.get(), reinterpret_cast<const sockaddr*>(&addr), UV_UDP_REUSEADDR); rc != 0) {
    return rc;
  }
  bound_ = true;
  return broadcast_ ? uv_udp_set_broadcast(udp_.get(), 1) : 0;
}

// ---- sendTo --------------------------------------------------------------------

void UdpSocket::send_to(const std::string& data, const std::string& host, int port, Operation&& op) {
  const std::uint64_t tag = next_tag_++;
  auto [it, fresh] = sends_.try_emplace(tag, Datagram{this, tag, Operation{}, data, host, LookupPtr{}});
  Datagram& datagram = it->second;
  sockaddr_storage addr{};
  if (parse_numeric(host, port, addr)) {
    datagram.op = std::move(op);
    transmit(datagram, reinterpret_cast<const sockaddr*>(&addr));
    return;
  }
  int rc = 0;
  Lookup* lookup = nullptr;
  try {
    lookup = Lookup::start(service_.loop(), host, port, &UdpSocket::on_resolved, &datagram, rc);
  } catch (...) {
    sends_.erase(it);
    throw;
  }
  datagram.op = std::move(op);
  if (lookup == nullptr) {
    fail_send(tag, rc, true);
    return;
  }
  datagram.lookup.reset(lookup);
}

void UdpSocket::on_resolved(void* self, int status, const sockaddr* addr) {
  auto& datagram = *static_cast<Datagram*>(self);
  (void)datagram.lookup.release();  // it frees itself
  if (status != 0) {
    datagram.socket->fail_send(datagram.tag, status, true);
    return;
  }
  datagram.socket->transmit(datagram, addr);
}

// Resolution failures name the host; send failures do not.
void UdpSocket::fail_send(std::uint64_t tag, int status, bool resolving) noexcept {
  const auto it = sends_.find(tag);
  if (it == sends_.end()) return;
  Operation op = std::move(it->second.op);
  settle(service_, std::move(op), [&] {
    return Outcome::failure(resolving ? resolve_error(status, it->second.host) : io_error("send", status));
  });
  sends_.erase(it);
}

void UdpSocket::transmit(Datagram& datagram, const sockaddr* addr) noexcept {
  int rc = bind_for(addr->sa_family);
  auto* request = rc == 0 ? new (std::nothrow) SendRequest{} : nullptr;
  if (rc == 0 && request == nullptr) rc = UV_ENOMEM;
  if (rc == 0) {
    request->data = std::move(datagram.data);
    request->tag = datagram.tag;
    request->req.data = request;
    uv_buf_t buf = uv_buf_init(request->data.data(), static_cast<unsigned>(request->data.size()));
    rc = uv_udp_send(&request->req, udp_.get(), &buf, 1, addr, &UdpSocket::on_send);
    if (rc != 0) delete request;
  }
  if (rc != 0) fail_send(datagram.tag, rc, false);
}

void UdpSocket::on_send(uv_udp_send_t* req, int status) {
  auto* socket = static_cast<UdpSocket*>(req->handle->data);  // nullptr: closed meanwhile
  auto* request = static_cast<SendRequest*>(req->data);
  const std::uint64_t tag = request->tag;
  delete request;
  if (socket == nullptr) return;
  if (status != 0) {
    socket->fail_send(tag, status, false);
    return;
  }
  const auto it = socket->sends_.find(tag);
  if (it == socket->sends_.end()) return;
  Operation op = std::move(it->second.op);
  socket->sends_.erase(it);
  socket->service_.finish(std::move(op), Outcome::done());
}

// ---- receive -------------------------------------------------------------------

void UdpSocket::receive(Operation&& op) {
  receives_.emplace_back();
  receives_.back() = Receive{std::move(op), next_serial_++};
  pump();
}

// Starts or stops reading to match the waiting receives; a failure to start
// fails them all.
void UdpSocket::pump() noexcept {
  while (!receives_.empty() && !receiving_) {
    int rc = bind_for(AF_INET);
    if (rc == 0) rc = uv_udp_recv_start(udp_.get(), &UdpSocket::on_alloc, &UdpSocket::on_receive);
    if (rc == 0) {
      receiving_ = true;
      break;
    }
    Operation op = std::move(receives_.front().op);
    receives_.pop_front();
    settle(service_, std::move(op), [&] { return Outcome::failure(io_error("receive", rc)); });
  }
  if (receives_.empty()) {
    if (receiving_) uv_udp_recv_stop(udp_.get());
    receiving_ = false;
    stop_timer();
    return;
  }
  arm_timer();
}

void UdpSocket::on_alloc(uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
  auto* socket = static_cast<UdpSocket*>(handle->data);
  *buf = uv_buf_init(nullptr, 0);  // libuv reports UV_ENOBUFS
  if (socket == nullptr) return;
  try {
    if (socket->chunk_.empty()) socket->chunk_.resize(kChunkSize);
    *buf = uv_buf_init(socket->chunk_.data(), static_cast<unsigned>(socket->chunk_.size()));
  } catch (const std::bad_alloc&) {
  }
}

void UdpSocket::on_receive(uv_udp_t* handle, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned) {
  auto* socket = static_cast<UdpSocket*>(handle->data);
  if (socket == nullptr || (nread == 0 && addr == nullptr)) return;  // nothing more to read now
  if (socket->receives_.empty()) return;  // stopped meanwhile: not expected
  Operation op = std::move(socket->receives_.front().op);
  socket->receives_.pop_front();
  if (socket->timed_serial_ != 0) socket->stop_timer();
  settle(socket->service_, std::move(op), [&] {
    if (nread < 0) return Outcome::failure(io_error("receive", static_cast<int>(nread)));
    return Outcome::datagram(std::string(buf->base, static_cast<std::size_t>(nread)), address_text(addr),
                             address_port(addr));
  });
  socket->pump();
}

// ---- timeouts ------------------------------------------------------------------

void UdpSocket::arm_timer() noexcept {
  if (timeout_ms_ == 0 || receives_.empty() || receives_.front().serial == timed_serial_) return;
  timed_serial_ = receives_.front().serial;
  uv_timer_start(timer_.get(), &UdpSocket::on_timeout, timeout_ms_, 0);
}

void UdpSocket::stop_timer() noexcept {
  uv_timer_stop(timer_.get());
  timed_serial_ = 0;
}

void UdpSocket::on_timeout(uv_timer_t* timer) {
  auto* socket = static_cast<UdpSocket*>(timer->data);
  socket->timed_serial_ = 0;
  if (socket->receives_.empty()) return;
  Operation op = std::move(socket->receives_.front().op);
  socket->receives_.pop_front();
  settle(socket->service_, std::move(op), [&] { return Outcome::failure(receive_timeout(socket->timeout_ms_)); });
  socket->pump();
}

// ---- the end -------------------------------------------------------------------

void UdpSocket::fail_all(const char* message) noexcept {
  stop_timer();
  for (auto& [tag, datagram] : sends_) {
    datagram.lookup.reset();
    settle(service_, std::move(datagram.op), [&] { return Outcome::failure(message); });
  }
  sends_.clear();
  while (!receives_.empty()) {
    Operation op = std::move(receives_.front().op);
    receives_.pop_front();
    settle(service_, std::move(op), [&] { return Outcome::failure(message); });
  }
}

void UdpSocket::discard_all() noexcept {
  for (auto& [tag, datagram] : sends_) {
    datagram.lookup.reset();
    service_.discard(std::move(datagram.op));
  }
  sends_.clear();
  for (Receive& receive : receives_) service_.discard(std::move(receive.op));
  receives_.clear();
}

}  // namespace plua::stdlib::net
