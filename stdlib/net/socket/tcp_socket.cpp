#include "net/socket/tcp_socket.hpp"

#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

#include "net/socket/settle.hpp"
#include "net/socket/socket_messages.hpp"
#include "net/socket/socket_service.hpp"

namespace plua::stdlib::net {

namespace {

constexpr std::size_t kChunkSize = 64 * 1024;

// A write in flight: libuv needs the bytes until its callback.
struct WriteRequest {
  uv_write_t req{};
  std::string data;
};

uv_stream_t* stream_of(uv::Handle<uv_tcp_t>& tcp) { return reinterpret_cast<uv_stream_t*>(tcp.get()); }

}  // namespace

TcpSocket::TcpSocket(SocketService& service, std::uint64_t timeout_ms) : service_(service), timeout_ms_(timeout_ms) {
  open_handle();
  if (const int rc = timer_.init(uv_timer_init, service.loop()); rc != 0) throw std::runtime_error(uv_strerror(rc));
  timer_.get()->data = this;
}

TcpSocket::~TcpSocket() {
  discard_all();
  lookup_.reset();
  if (tcp_.get() != nullptr) tcp_.get()->data = nullptr;
}

void TcpSocket::open_handle() {
  if (const int rc = tcp_.init(uv_tcp_init, service_.loop()); rc != 0) throw std::runtime_error(uv_strerror(rc));
  tcp_.get()->data = this;
}

// The handle of a failed connect is not reused: connect() opens a new one.
void TcpSocket::reset_handle() noexcept {
  stop_timer();
  lookup_.reset();
  if (tcp_.get() != nullptr) tcp_.get()->data = nullptr;
  tcp_.close();
  reading_ = false;
  state_ = State::Idle;
}

// ---- connect -------------------------------------------------------------------

void TcpSocket::connect(const std::string& host, int port, Operation&& op) {
  if (state_ != State::Idle) {
    settle(service_, std::move(op), [] { return Outcome::failure(kAlreadyConnected); });
    return;
  }
  if (tcp_.get() == nullptr) {
    tcp_.renew();
    open_handle();
  }
  host_ = host;
  port_ = port;
  sockaddr_storage addr{};
  const bool numeric = parse_numeric(host, port, addr);
  if (!numeric) {
    int rc = 0;
    Lookup* lookup = Lookup::start(service_.loop(), host, port, &TcpSocket::on_resolved, this, rc);
    if (lookup == nullptr) {
      settle(service_, std::move(op), [&] { return Outcome::failure(resolve_error(rc, host_)); });
      return;
    }
    lookup_.reset(lookup);
    state_ = State::Resolving;
  }
  connecting_.emplace(std::move(op));
  if (timeout_ms_ > 0) uv_timer_start(timer_.get(), &TcpSocket::on_timeout, timeout_ms_, 0);
  if (numeric) start_connect(reinterpret_cast<const sockaddr*>(&addr));
}

void TcpSocket::on_resolved(void* self, int status, const sockaddr* addr) {
  auto* socket = static_cast<TcpSocket*>(self);
  (void)socket->lookup_.release();  // it frees itself
  if (status != 0) {
    socket->connect_failed(status, false);
    return;
  }
  socket->start_connect(addr);
}

void TcpSocket::start_connect(const sockaddr* addr) noexcept {
  state_ = State::Connecting;
  auto* req = new (std::nothrow) uv_connect_t{};
  const int rc = req == nullptr ? UV_ENOMEM : uv_tcp_connect(req, tcp_.get(), addr, &TcpSocket::on_connect);
  if (rc != 0) {
    delete req;
    connect_failed(rc, false);
  }
}

void TcpSocket::on_connect(uv_connect_t* req, int status) {
  auto* socket = static_cast<TcpSocket*>(req->handle->data);  // nullptr: closed meanwhile
  delete req;
  if (socket == nullptr) return;
  if (status != 0) {
    socket->connect_failed(status, false);
    return;
  }
  socket->stop_timer();
  socket->state_ = State::Connected;
  socket->finish_connect(Outcome::done());
}

// status: a uv error of the lookup (while resolving) or of the connect.
void TcpSocket::connect_failed(int status, bool timed_out) noexcept {
  const bool resolving = state_ == State::Resolving;
  reset_handle();
  if (!connecting_) return;
  Operation op = std::move(*connecting_);
  connecting_.reset();
  settle(service_, std::move(op), [&] {
    if (timed_out) return Outcome::failure(connect_timeout(host_, port_, timeout_ms_));
    return Outcome::failure(resolving ? resolve_error(status, host_) : connect_error(status, host_, port_));
  });
}

void TcpSocket::finish_connect(Outcome outcome) noexcept {
  if (!connecting_) return;
  Operation op = std::move(*connecting_);
  connecting_.reset();
  service_.finish(std::move(op), std::move(outcome));
}

// ---- send ----------------------------------------------------------------------

void TcpSocket::send(const std::string& data, Operation&& op) {
  if (state_ != State::Connected) {
    settle(service_, std::move(op), [] { return Outcome::failure(kNotConnected); });
    return;
  }
  auto request = std::make_unique<WriteRequest>();
  request->data = data;
  request->req.data = request.get();
  sends_.emplace_back();
  uv_buf_t buf = uv_buf_init(request->data.data(), static_cast<unsigned>(request->data.size()));
  const int rc = uv_write(&request->req, stream_of(tcp_), &buf, 1, &TcpSocket::on_write);
  if (rc != 0) {
    sends_.pop_back();
    settle(service_, std::move(op), [&] { return Outcome::failure(io_error("send", rc)); });
    return;
  }
  (void)request.release();  // on_write frees it
  sends_.back() = std::move(op);
}

void TcpSocket::on_write(uv_write_t* req, int status) {
  auto* socket = static_cast<TcpSocket*>(req->handle->data);  // nullptr: closed meanwhile
  delete static_cast<WriteRequest*>(req->data);
  if (socket == nullptr || socket->sends_.empty()) return;
  Operation op = std::move(socket->sends_.front());
  socket->sends_.pop_front();
  settle(socket->service_, std::move(op), [&] {
    return status == 0 ? Outcome::done() : Outcome::failure(io_error("send", status));
  });
}

// ---- read ----------------------------------------------------------------------

void TcpSocket::read(Operation&& op) { read_until(std::string(), std::move(op)); }

void TcpSocket::read_until(const std::string& delimiter, Operation&& op) {
  if (state_ != State::Connected) {
    settle(service_, std::move(op), [] { return Outcome::failure(kNotConnected); });
    return;
  }
  std::string copy = delimiter;
  reads_.emplace_back();
  reads_.back() = Read{std::move(op), std::move(copy), next_serial_++};
  pump();
}

void TcpSocket::pump() noexcept {
  while (!reads_.empty()) {
    Read& head = reads_.front();
    std::size_t end = std::string::npos;  // bytes handed over
    std::size_t skip = 0;                 // and then dropped (the delimiter)
    if (head.delimiter.empty()) {
      if (!buffer_.empty()) end = buffer_.size();
    } else if (const std::size_t at = buffer_.find(head.delimiter); at != std::string::npos) {
      end = at;
      skip = head.delimiter.size();
    }
    if (end == std::string::npos && read_status_ == 0 && !reading_) {
      const int rc = uv_read_start(stream_of(tcp_), &TcpSocket::on_alloc, &TcpSocket::on_read);
      if (rc == 0) {
        reading_ = true;
      } else {
        read_status_ = rc;
      }
    }
    if (end == std::string::npos && read_status_ == 0) break;  // wait for more

    Operation op = std::move(head.op);
    reads_.pop_front();
    if (timed_serial_ != 0) stop_timer();
    settle(service_, std::move(op), [&] {
      if (end == std::string::npos) {
        return Outcome::failure(read_status_ == UV_EOF ? std::string(kPeerClosed) : io_error("read", read_status_));
      }
      Outcome outcome = Outcome::data(buffer_.substr(0, end));
      buffer_.erase(0, end + skip);
      return outcome;
    });
  }
  if (reads_.empty()) {
    if (reading_) uv_read_stop(stream_of(tcp_));
    reading_ = false;
    stop_timer();
    return;
  }
  arm_timer();
}

void TcpSocket::on_alloc(uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
  auto* socket = static_cast<TcpSocket*>(handle->data);
  *buf = uv_buf_init(nullptr, 0);  // libuv reports UV_ENOBUFS
  if (socket == nullptr) return;
  try {
    if (socket->chunk_.empty()) socket->chunk_.resize(kChunkSize);
    *buf = uv_buf_init(socket->chunk_.data(), static_cast<unsigned>(socket->chunk_.size()));
  } catch (const std::bad_alloc&) {
  }
}

void TcpSocket::on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
  auto* socket = static_cast<TcpSocket*>(stream->data);
  if (socket == nullptr || nread == 0) return;
  if (nread > 0) {
    try {
      socket->buffer_.append(buf->base, static_cast<std::size_t>(nread));
    } catch (const std::bad_alloc&) {
      socket->read_status_ = UV_ENOMEM;
    }
  } else {
    socket->read_status_ = static_cast<int>(nread);
  }
  if (socket->read_status_ != 0) {
    uv_read_stop(stream);
    socket->reading_ = false;
  }
  socket->pump();
}

// ---- timeouts ------------------------------------------------------------------

void TcpSocket::arm_timer() noexcept {
  if (timeout_ms_ == 0 || reads_.empty() || reads_.front().serial == timed_serial_) return;
  timed_serial_ = reads_.front().serial;
  uv_timer_start(timer_.get(), &TcpSocket::on_timeout, timeout_ms_, 0);
}

void TcpSocket::stop_timer() noexcept {
  uv_timer_stop(timer_.get());
  timed_serial_ = 0;
}

void TcpSocket::on_timeout(uv_timer_t* timer) {
  auto* socket = static_cast<TcpSocket*>(timer->data);
  if (socket->state_ == State::Resolving || socket->state_ == State::Connecting) {
    socket->connect_failed(0, true);
    return;
  }
  socket->timed_serial_ = 0;
  if (socket->reads_.empty()) return;
  Operation op = std::move(socket->reads_.front().op);
  socket->reads_.pop_front();
  settle(socket->service_, std::move(op), [&] { return Outcome::failure(receive_timeout(socket->timeout_ms_)); });
  socket->pump();
}

// ---- the end -------------------------------------------------------------------

void TcpSocket::fail_all(const char* message) noexcept {
  stop_timer();
  lookup_.reset();
  auto fail = [&](Operation op) { settle(service_, std::move(op), [&] { return Outcome::failure(message); }); };
  if (connecting_) {
    Operation op = std::move(*connecting_);
    connecting_.reset();
    fail(std::move(op));
  }
  while (!sends_.empty()) {
    Operation op = std::move(sends_.front());
    sends_.pop_front();
    fail(std::move(op));
  }
  while (!reads_.empty()) {
    Operation op = std::move(reads_.front().op);
    reads_.pop_front();
    fail(std::move(op));
  }
}

void TcpSocket::discard_all() noexcept {
  if (connecting_) service_.discard(std::move(*connecting_));
  connecting_.reset();
  for (Operation& op : sends_) service_.discard(std::move(op));
  sends_.clear();
  for (Read& read : reads_) service_.discard(std::move(read.op));
  reads_.clear();
}

}  // namespace plua::stdlib::net
