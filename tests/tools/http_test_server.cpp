// http_test_server: a tiny HTTP/1.1 server on libuv for the tests/golden/http
// golden tests. Binds 127.0.0.1 on an ephemeral port, prints the port (one
// line) on stdout, and serves:
//   /ok           200 "hello" (with an X-Test-Server header)
//   /status/N     status N, body "status N"
//   /echo         200, the request described as text: method, the
//                 X-Test and Content-Type headers ("(none)" when absent),
//                 body length and body
//   /big          200, exactly 1,048,576 bytes
//   /slow         200 "slow", 3 s later
//   /redirect     302 to /ok
//   anything else 404 "not found"
// One request per connection (Connection: close). Exits when its stdin
// reaches end of file or on SIGTERM.
//
// http_test_server --closed-port prints a port that nothing listens on (it
// was bound, then closed) and exits: for the connection-refused test.

#include <fmt/format.h>
#include <unistd.h>
#include <uv.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "serve_until_stopped.hpp"

namespace {

constexpr std::size_t kMaxRequest = 4 * 1024 * 1024;
constexpr std::size_t kBigSize = 1024 * 1024;
constexpr std::uint64_t kSlowMs = 3000;

struct Request {
  std::string method;
  std::string path;
  std::string headers;  // raw header lines, lower-cased names
  std::string body;
};

struct Connection {
  uv_tcp_t tcp{};
  uv_timer_t delay{};
  std::string in;
  std::string out;
  uv_write_t write{};
  uv_shutdown_t shutdown{};
  bool delay_open = false;
  bool answered = false;
  int open_handles = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of header `name` (lower case) in the request, or `missing`.
std::string header(const Request& request, std::string_view name, std::string_view missing = "") {
  std::string_view rest = request.headers;
  while (!rest.empty()) {
    const std::size_t eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || lower(line.substr(0, colon)) != name) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return std::string(value);
  }
  return std::string(missing);
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 302:
      return "Found";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

std::string response(const Request& request, int status, std::string_view body, std::string_view extra = {}) {
  std::string out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n"
      "Connection: close\r\n{}\r\n",
      status, reason(status), body.size(), extra);
  if (request.method != "HEAD") out.append(body);
  return out;
}

std::string route(const Request& request) {
  const std::string& path = request.path;
  if (path == "/ok") return response(request, 200, "hello", "X-Test-Server: plua-tests\r\n");
  if (path.rfind("/status/", 0) == 0) {
    const int status = std::atoi(path.c_str() + 8);
    if (status >= 100 && status <= 599) return response(request, status, fmt::format("status {}", status));
  }
  if (path == "/echo") {
    return response(request, 200,
                    fmt::format("method={}\nx-test={}\ncontent-type={}\nlength={}\nbody={}", request.method,
                                header(request, "x-test", "(none)"), header(request, "content-type", "(none)"),
                                request.body.size(), request.body));
  }
  if (path == "/big") {
    std::string body(kBigSize, 'x');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
    return response(request, 200, body);
  }
  if (path == "/slow") return response(request, 200, "slow");
  if (path == "/redirect") return response(request, 302, "moved", "Location: /ok\r\n");
  return response(request, 404, "not found");
}

void on_closed(uv_handle_t* handle) {
  auto* conn = static_cast<Connection*>(handle->data);
  if (--conn->open_handles == 0) delete conn;
}

void close_connection(Connection* conn) {
  if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(&conn->tcp))) {
    uv_close(reinterpret_cast<uv_handle_t*>(&conn->tcp), on_closed);
  }
  if (conn->delay_open && !uv_is_closing(reinterpret_cast<uv_handle_t*>(&conn->delay))) {
    uv_close(reinterpret_cast<uv_handle_t*>(&conn->delay), on_closed);
  }
}

// After the response: half-close, then keep reading until the client
// closes, so that closing never discards data the client has not read.
void send(Connection* conn, std::string data) {
  conn->answered = true;
  conn->out = std::move(data);
  uv_buf_t buf = uv_buf_init(conn->out.data(), static_cast<unsigned>(conn->out.size()));
  conn->write.data = conn;
  const int rc =
      uv_write(&conn->write, reinterpret_cast<uv_stream_t*>(&conn->tcp), &buf, 1, [](uv_write_t* w, int status) {
        auto* c = static_cast<Connection*>(w->data);
        if (status < 0) {
          close_connection(c);
          return;
        }
        c->shutdown.data = c;
        if (uv_shutdown(&c->shutdown, reinterpret_cast<uv_stream_t*>(&c->tcp), [](uv_shutdown_t*, int) {}) != 0) {
          close_connection(c);
        }
      });
  if (rc != 0) close_connection(conn);
}

// A whole request is in conn->in: answer it (or schedule the answer).
bool parse(Connection* conn, Request& request) {
  const std::size_t end = conn->in.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  const std::string_view head(conn->in.data(), end);
  const std::size_t eol = head.find("\r\n");
  const std::string_view line = head.substr(0, eol);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) {
    request.method = "GET";
    request.path = "/";
    return true;
  }
  request.method = std::string(line.substr(0, sp1));
  request.path = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  request.headers = eol == std::string_view::npos ? std::string{} : std::string(head.substr(eol + 2));
  const std::size_t length = std::strtoul(header(request, "content-length").c_str(), nullptr, 10);
  if (conn->in.size() < end + 4 + length) return false;
  request.body = conn->in.substr(end + 4, length);
  return true;
}

void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
  auto* conn = static_cast<Connection*>(stream->data);
  if (nread < 0) {
    delete[] buf->base;
    close_connection(conn);
    return;
  }
  if (!conn->answered) conn->in.append(buf->base, static_cast<std::size_t>(nread));
  delete[] buf->base;
  if (conn->answered) return;
  if (conn->in.size() > kMaxRequest) {
    close_connection(conn);
    return;
  }
  Request request;
  if (!parse(conn, request)) return;
  if (request.path == "/slow") {
    conn->answered = true;  // no second answer from more input
    uv_timer_init(stream->loop, &conn->delay);
    conn->delay.data = conn;
    conn->delay_open = true;
    ++conn->open_handles;
    conn->out = route(request);
    uv_timer_start(
        &conn->delay,
        [](uv_timer_t* t) {
          auto* c = static_cast<Connection*>(t->data);
          send(c, std::move(c->out));
        },
        kSlowMs, 0);
    return;
  }
  send(conn, route(request));
}

void on_connection(uv_stream_t* server, int status) {
  if (status < 0) return;
  auto* conn = new Connection();
  uv_tcp_init(server->loop, &conn->tcp);
  conn->tcp.data = conn;
  conn->open_handles = 1;
  if (uv_accept(server, reinterpret_cast<uv_stream_t*>(&conn->tcp)) != 0) {
    close_connection(conn);
    return;
  }
  uv_read_start(
      reinterpret_cast<uv_stream_t*>(&conn->tcp),
      [](uv_handle_t*, std::size_t suggested, uv_buf_t* buf) {
        *buf = uv_buf_init(new char[suggested], static_cast<unsigned>(suggested));
      },
      on_read);
}

int bound_port(const uv_tcp_t& tcp) {
  sockaddr_storage bound{};
  int len = sizeof bound;
  uv_tcp_getsockname(&tcp, reinterpret_cast<sockaddr*>(&bound), &len);
  return ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  uv_loop_t* loop = uv_default_loop();

  uv_tcp_t server;
  uv_tcp_init(loop, &server);
  sockaddr_in addr{};
  uv_ip4_addr("127.0.0.1", 0, &addr);
  if (uv_tcp_bind(&server, reinterpret_cast<const sockaddr*>(&addr), 0) != 0) {
    fmt::print(stderr, "http_test_server: cannot bind 127.0.0.1\n");
    return 1;
  }
  if (argc > 1 && std::string_view(argv[1]) == "--closed-port") {
    fmt::print("{}\n", bound_port(server));
    uv_close(reinterpret_cast<uv_handle_t*>(&server), nullptr);
    uv_run(loop, UV_RUN_DEFAULT);
    return 0;
  }
  if (uv_listen(reinterpret_cast<uv_stream_t*>(&server), 256, on_connection) != 0) {
    fmt::print(stderr, "http_test_server: cannot listen on 127.0.0.1\n");
    return 1;
  }
  fmt::print("{}\n", bound_port(server));
  std::fflush(stdout);

  plua::test::serve_until_stopped(loop);
}
