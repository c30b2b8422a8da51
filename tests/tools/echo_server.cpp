// echo_server: TCP and UDP echo on 127.0.0.1 for the tests/golden/sockets
// golden tests. Binds both on ephemeral ports and prints "TCP UDP" (the two
// ports, one line) on stdout, then:
//   TCP  echoes every byte back; once the input holds "quit\n" it echoes
//        what came before it, then half-closes (the client reads the end
//        of the stream) and closes when the client does
//   UDP  sends each datagram back to its sender
// Exits when its stdin reaches end of file or on SIGTERM.
//
// echo_server --closed-port prints a TCP port that nothing listens on.

#include <fmt/format.h>
#include <unistd.h>
#include <uv.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "serve_until_stopped.hpp"

namespace {

constexpr std::string_view kQuit = "quit\n";

struct Connection {
  uv_tcp_t tcp{};
  std::string in;
  bool quitting = false;
};

struct Write {
  uv_write_t req{};
  std::string data;
};

struct Datagram {
  uv_udp_send_t req{};
  std::string data;
};

uv_stream_t* stream(Connection* conn) { return reinterpret_cast<uv_stream_t*>(&conn->tcp); }

void close_connection(Connection* conn) {
  if (uv_is_closing(reinterpret_cast<uv_handle_t*>(&conn->tcp))) return;
  uv_close(reinterpret_cast<uv_handle_t*>(&conn->tcp),
           [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
}

void write(Connection* conn, std::string data) {
  auto* w = new Write{};
  w->data = std::move(data);
  uv_buf_t buf = uv_buf_init(w->data.data(), static_cast<unsigned>(w->data.size()));
  if (uv_write(&w->req, stream(conn), &buf, 1, [](uv_write_t* req, int) { delete reinterpret_cast<Write*>(req); }) !=
      0) {
    delete w;
  }
}

void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) {
  auto* conn = static_cast<Connection*>(s->data);
  std::string chunk = nread > 0 ? std::string(buf->base, static_cast<std::size_t>(nread)) : std::string();
  delete[] buf->base;
  if (nread < 0) {
    close_connection(conn);
    return;
  }
  if (conn->quitting) return;
  conn->in += chunk;
  const std::size_t quit = conn->in.find(kQuit);
  if (quit == std::string::npos) {
    // Echo all but a tail that could be the start of "quit\n".
    std::size_t keep = 0;
    for (std::size_t n = kQuit.size() - 1; n > 0; --n) {
      if (conn->in.size() >= n && conn->in.compare(conn->in.size() - n, n, kQuit.substr(0, n)) == 0) {
        keep = n;
        break;
      }
    }
    if (conn->in.size() > keep) write(conn, conn->in.substr(0, conn->in.size() - keep));
    conn->in.erase(0, conn->in.size() - keep);
    return;
  }
  if (quit > 0) write(conn, conn->in.substr(0, quit));
  conn->quitting = true;
  auto* shutdown = new uv_shutdown_t{};
  if (uv_shutdown(shutdown, s, [](uv_shutdown_t* req, int) { delete req; }) != 0) {
    delete shutdown;
    close_connection(conn);
  }
}

void on_connection(uv_stream_t* server, int status) {
  if (status < 0) return;
  auto* conn = new Connection();
  uv_tcp_init(server->loop, &conn->tcp);
  conn->tcp.data = conn;
  if (uv_accept(server, stream(conn)) != 0) {
    close_connection(conn);
    return;
  }
  uv_read_start(
      stream(conn),
      [](uv_handle_t*, std::size_t suggested, uv_buf_t* buf) {
        *buf = uv_buf_init(new char[suggested], static_cast<unsigned>(suggested));
      },
      on_read);
}

void on_datagram(uv_udp_t* udp, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned) {
  if (nread >= 0 && addr != nullptr) {
    auto* d = new Datagram{};
    d->data.assign(buf->base, static_cast<std::size_t>(nread));
    uv_buf_t out = uv_buf_init(d->data.data(), static_cast<unsigned>(d->data.size()));
    if (uv_udp_send(&d->req, udp, &out, 1, addr,
                    [](uv_udp_send_t* req, int) { delete reinterpret_cast<Datagram*>(req); }) != 0) {
      delete d;
    }
  }
  delete[] buf->base;
}

int port_of(const sockaddr_storage& addr) { return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port); }

int tcp_port(const uv_tcp_t& tcp) {
  sockaddr_storage bound{};
  int len = sizeof bound;
  uv_tcp_getsockname(&tcp, reinterpret_cast<sockaddr*>(&bound), &len);
  return port_of(bound);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  uv_loop_t* loop = uv_default_loop();
  sockaddr_in addr{};
  uv_ip4_addr("127.0.0.1", 0, &addr);

  uv_tcp_t server;
  uv_tcp_init(loop, &server);
  if (uv_tcp_bind(&server, reinterpret_cast<const sockaddr*>(&addr), 0) != 0) {
    fmt::print(stderr, "echo_server: cannot bind 127.0.0.1\n");
    return 1;
  }
  if (argc > 1 && std::string_view(argv[1]) == "--closed-port") {
    fmt::print("{}\n", tcp_port(server));
    uv_close(reinterpret_cast<uv_handle_t*>(&server), nullptr);
    uv_run(loop, UV_RUN_DEFAULT);
    return 0;
  }
  uv_udp_t udp;
  uv_udp_init(loop, &udp);
  if (uv_listen(reinterpret_cast<uv_stream_t*>(&server), 64, on_connection) != 0 ||
      uv_udp_bind(&udp, reinterpret_cast<const sockaddr*>(&addr), 0) != 0) {
    fmt::print(stderr, "echo_server: cannot listen on 127.0.0.1\n");
    return 1;
  }
  uv_udp_recv_start(
      &udp,
      [](uv_handle_t*, std::size_t suggested, uv_buf_t* buf) {
        *buf = uv_buf_init(new char[suggested], static_cast<unsigned>(suggested));
      },
      on_datagram);
  sockaddr_storage bound{};
  int len = sizeof bound;
  uv_udp_getsockname(&udp, reinterpret_cast<sockaddr*>(&bound), &len);
  fmt::print("{} {}\n", tcp_port(server), port_of(bound));
  std::fflush(stdout);

  plua::test::serve_until_stopped(loop);
}
