#include "web/web_connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <new>
#include <utility>

#include "web/event_stream.hpp"
#include "web/web_service.hpp"

namespace plua::stdlib::web {

namespace {

const char* reason_of(int status) {
  switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return status < 300 ? "OK" : (status < 400 ? "Redirect" : (status < 500 ? "Client Error" : "Server Error"));
  }
}

// A status line and headers, the body after them: one buffer, one write.
std::string http_answer(bool http10, int status, const char* type, std::string_view body, bool close) {
  std::string out;
  out.reserve(160 + body.size());
  fmt::format_to(std::back_inserter(out), "{} {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\n{}\r\n",
                 http10 ? "HTTP/1.0" : "HTTP/1.1", status, reason_of(status), type, body.size(),
                 close ? "connection: close\r\n" : (http10 ? "connection: keep-alive\r\n" : ""));
  out.append(body);
  return out;
}

}  // namespace

struct Connection::Write {
  uv_write_t req{};
  std::string data;
};

Connection::Connection(WebService& service, std::uint64_t id, uv_loop_t* loop) : service_(service), id_(id) {
  tcp_.init_or_throw("a web server connection", uv_tcp_init, loop);
  tcp_.get()->data = this;
}

// Writes still in flight are cancelled by the close; their callbacks then
// find no connection (data is cleared) and only free their request.
Connection::~Connection() { tcp_.get()->data = nullptr; }

bool Connection::start(std::uint64_t now) {
  last_active_ = now;
  uv_tcp_nodelay(tcp_.get(), 1);
  if (uv_read_start(stream(), &Connection::on_alloc, &Connection::on_read) != 0) return false;
  reading_ = true;
  return true;
}

bool Connection::expired(std::uint64_t now) const {
  switch (state_) {
    case State::Lingering:
      return now - last_active_ > kLingerMs;
    case State::Http:
      break;
  }
  if (request_ != 0 || answering_) return false;  // being answered (or held: a long-poll)
  // A request must come whole within kIdleMs of its first byte, however
  // slowly it trickles in; an idle connection may wait as long.
  return now - (reader_.started() ? started_at_ : last_active_) > kIdleMs;
}

// ---- input -------------------------------------------------------------------

void Connection::on_alloc(uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
  auto* self = static_cast<Connection*>(handle->data);
  *buf = self != nullptr ? self->service_.read_buffer() : uv_buf_init(nullptr, 0);
}

void Connection::on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
  auto* self = static_cast<Connection*>(stream->data);
  if (self == nullptr) return;
  if (nread == UV_EOF && self->state_ == State::Http && (self->request_ != 0 || self->answering_)) {
    // The peer is done sending (a half-close after its request): the
    // answer still goes out, then the connection ends.
    self->peer_done_ = true;
    self->close_after_ = true;
    self->stop_reading();
  } else if (nread < 0) {
    self->dead_ = true;  // the peer closed, or the connection broke
  } else if (nread > 0) {
    self->last_active_ = self->service_.now();
    try {
      self->read(buf->base, static_cast<std::size_t>(nread));
    } catch (const std::bad_alloc&) {
      self->dead_ = true;  // no memory for this connection: it goes
    }
  }
  if (self->dead_) self->service_.erase(self->id_);
}

void Connection::read(const char* data, std::size_t size) {
  switch (state_) {
    case State::Http:
      read_http(data, size);
      break;
    case State::Lingering:
      break;  // dropped: the answer is out, the connection closing
  }
}

void Connection::read_http(const char* data, std::size_t size) {
  while (size > 0 && !dead_) {
    if (request_ != 0 || answering_) {
      // Pipelined: kept for after the answer, up to a request's worth.
      pending_.append(data, size);
      if (pending_.size() > kMaxHead + kMaxBody) stop_reading();
      return;
    }
    if (!reader_.started()) {
      started_at_ = last_active_;
      raw_.clear();
    }
    std::size_t used = 0;
    const HttpReader::Result result = reader_.feed(data, size, used);
    if (raw_.size() <= kMaxUpgradeRequest) raw_.append(data, std::min(used, kMaxUpgradeRequest + 1 - raw_.size()));
    if (result == HttpReader::Result::NeedMore) {
      if (reader_.take_continue()) write("HTTP/1.1 100 Continue\r\n\r\n");
      return;
    }
    if (result == HttpReader::Result::Error) {
      refuse(reader_.error());
      return;
    }
    data += used;
    size -= used;
    if (reader_.websocket()) {
      if (reader_.path() == kEventsPath && std::string_view(reader_.method()) == "GET") {
        upgrade(data, size);
      } else {
        refuse_with(404, R"({"message":"no WebSocket here","reason":"NotFound","type":"ERROR"})");
      }
      return;
    }
    // Answered first: the rest waits. The socket is still read (stopping
    // and starting it costs two epoll_ctl calls per request).
    pending_.assign(data, size);
    close_after_ = close_after_ || !reader_.keep_alive();
    request_ = service_.request_read(*this, reader_);
    return;
  }
}

void Connection::refuse(HttpReader::Error error) {
  switch (error) {
    case HttpReader::Error::BadLength:
      return refuse_with(400, R"({"message":"bad Content-Length","reason":"BadRequest","type":"ERROR"})");
    case HttpReader::Error::MethodNotAllowed:
      return refuse_with(405, R"({"message":"method not allowed","reason":"MethodNotAllowed","type":"ERROR"})");
    case HttpReader::Error::TooLarge:
      return refuse_with(413, R"({"message":"the body is larger than 256 KiB","reason":"PayloadTooLarge","type":"ERROR"})");
    case HttpReader::Error::HeadTooLarge:
      dead_ = true;  // not worth an answer
      return;
    case HttpReader::Error::BadRequest:
    case HttpReader::Error::None:
      break;
  }
  refuse_with(400, R"({"message":"bad request","reason":"BadRequest","type":"ERROR"})");
}

// Answered without Lua, and the connection ends: what follows in the
// stream cannot be trusted to start a request.
void Connection::refuse_with(int status, std::string_view body) {
  close_after_ = true;
  answering_ = true;
  if (write(http_answer(reader_.http10(), status, kJson, body, true))) answered();
}

// ---- answers -----------------------------------------------------------------

void Connection::answer(int status, const char* type, std::string_view body) {
  std::string text = http_answer(reader_.http10(), status, type, body, close_after_);
  answering_ = true;
  if (write(std::move(text))) answered();
}

bool Connection::write(std::string data) {
  if (dead_) return false;
  if (writes_ == 0) {
    uv_buf_t buf = uv_buf_init(data.data(), static_cast<unsigned int>(data.size()));
    const int n = uv_try_write(stream(), &buf, 1);
    if (n == static_cast<int>(data.size())) return true;
    if (n < 0 && n != UV_EAGAIN) {
      dead_ = true;
      return false;
    }
    if (n > 0) data.erase(0, static_cast<std::size_t>(n));
  }
  auto w = std::make_unique<Write>();
  w->data = std::move(data);
  w->req.data = w.get();
  uv_buf_t buf = uv_buf_init(w->data.data(), static_cast<unsigned int>(w->data.size()));
  if (uv_write(&w->req, stream(), &buf, 1, &Connection::on_write) != 0) {
    dead_ = true;
    return false;
  }
  w.release();  // on_write frees it
  ++writes_;
  return false;
}

void Connection::on_write(uv_write_t* req, int status) {
  const std::unique_ptr<Write> w(static_cast<Write*>(req->data));
  auto* self = static_cast<Connection*>(req->handle->data);
  if (self == nullptr) return;
  --self->writes_;
  if (status < 0) {
    self->dead_ = true;
  } else if (self->writes_ == 0 && self->answering_) {
    try {
      self->answered();
    } catch (const std::bad_alloc&) {
      self->dead_ = true;
    }
  }
  if (self->dead_) self->service_.erase(self->id_);
}

// The answer is all with the kernel: the request ends, and the next one
// (already read, or still to come) is taken up.
void Connection::answered() {
  answering_ = false;
  service_.request_ended(std::exchange(request_, 0));
  if (close_after_) {
    linger();
    return;
  }
  reader_.next();
  std::string rest = std::exchange(pending_, std::string());
  if (!rest.empty()) read_http(rest.data(), rest.size());
  if (!dead_ && state_ == State::Http && request_ == 0 && !answering_ && !reading_) {
    if (uv_read_start(stream(), &Connection::on_alloc, &Connection::on_read) != 0) {
      dead_ = true;
      return;
    }
    reading_ = true;
  }
}

void Connection::stop_reading() {
  if (!reading_) return;
  uv_read_stop(stream());
  reading_ = false;
}

void Connection::linger() {
  if (peer_done_) {
    dead_ = true;  // nothing more can come: close now (what was written still goes)
    return;
  }
  state_ = State::Lingering;
  last_active_ = service_.now();
  auto* req = new uv_shutdown_t{};
  if (uv_shutdown(req, stream(), &Connection::on_shutdown) != 0) {
    delete req;
    dead_ = true;
    return;
  }
  if (!reading_ && uv_read_start(stream(), &Connection::on_alloc, &Connection::on_read) == 0) reading_ = true;
}

void Connection::on_shutdown(uv_shutdown_t* req, int) { delete req; }

// ---- the event stream ----------------------------------------------------------

// The socket leaves plua's HTTP code: lws gets a copy of it with the
// upgrade request (and whatever came after it), and this connection
// closes its own copy without a FIN.
void Connection::upgrade(const char* rest, std::size_t size) {
  if (raw_.size() + size > kMaxUpgradeRequest) {
    refuse_with(431, R"({"message":"the upgrade request is too large","reason":"BadRequest","type":"ERROR"})");
    return;
  }
  raw_.append(rest, size);
  std::string why;
  if (!service_.adopt_websocket(tcp_.base(), raw_, why)) {
    for (char& c : why) {
      if (c == '"' || c == '\\') c = '\'';  // inside a JSON string
    }
    refuse_with(503, fmt::format(R"({{"message":"no event stream: {}","reason":"ServiceUnavailable","type":"ERROR"}})",
                                 why));
    return;
  }
  dead_ = true;
}

}  // namespace plua::stdlib::web
