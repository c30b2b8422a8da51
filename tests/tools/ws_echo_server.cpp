// ws_echo_server: a WebSocket echo server on 127.0.0.1 for the
// tests/golden/websocket golden tests, on libwebsockets (the library
// plua's net.WebSocketClient uses). Listens on ephemeral ports and prints
// "WS WSS" (the two ports, one line; WSS is 0 without --cert) on stdout:
//   ws_echo_server [--cert CERT.pem --key KEY.pem]
// Paths:
//   /echo     every message back as it came (text or binary, whole
//             however it was fragmented); the text "close" makes the
//             server close the connection once the echoes before it are
//             sent (status 1001, "going away")
//   /headers  at once a text message "authorization=A x-test=B" with
//             those request headers, then echoes as /echo
//   /bye      at once the text "bye", then the server closes
//   /kind     answers each message with "text N" or "binary N" (N: its
//             length): the frame type the client chose
// Exits when its stdin reaches end of file or on SIGTERM.

#include <libwebsockets.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <thread>

namespace {

struct Message {
  std::string data;  // LWS_PRE bytes, then the payload
  bool binary = false;
};

struct Session {
  std::string path;
  std::string incoming;
  std::deque<Message> out;
  bool close_after_send = false;
  bool going_away = false;
};

std::atomic<bool> stopping{false};

void queue(lws* wsi, Session& s, std::string_view payload, bool binary) {
  Message m;
  m.data.assign(LWS_PRE, '\0');
  m.data.append(payload);
  m.binary = binary;
  s.out.push_back(std::move(m));
  lws_callback_on_writable(wsi);
}

std::string header(lws* wsi, lws_token_indexes token) {
  char buf[512];
  const int n = lws_hdr_copy(wsi, buf, sizeof buf, token);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("-");
}

std::string custom_header(lws* wsi, const char* name) {
  char buf[512];
  const int n = lws_hdr_custom_copy(wsi, buf, sizeof buf, name, static_cast<int>(std::strlen(name)));
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("-");
}

int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len) {
  auto** slot = static_cast<Session**>(user);
  switch (reason) {
    case LWS_CALLBACK_ESTABLISHED: {
      auto* s = new Session;
      *slot = s;
      s->path = header(wsi, WSI_TOKEN_GET_URI);
      if (s->path == "/headers") {
        queue(wsi, *s, "authorization=" + header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION) + " x-test=" +
                           custom_header(wsi, "x-test:"), false);
      } else if (s->path == "/bye") {
        queue(wsi, *s, "bye", false);
        s->close_after_send = true;
      }
      return 0;
    }
    case LWS_CALLBACK_RECEIVE: {
      Session& s = **slot;
      s.incoming.append(static_cast<const char*>(in), len);
      if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) != 0) return 0;
      const bool binary = lws_frame_is_binary(wsi) != 0;
      std::string message = std::move(s.incoming);
      s.incoming.clear();
      if (!binary && message == "close") {
        // after the echoes already queued
        s.close_after_send = true;
        s.going_away = true;
        lws_callback_on_writable(wsi);
        return 0;
      }
      if (s.path == "/kind") {
        queue(wsi, s, (binary ? "binary " : "text ") + std::to_string(message.size()), false);
      } else {
        queue(wsi, s, message, binary);
      }
      return 0;
    }
    case LWS_CALLBACK_SERVER_WRITEABLE: {
      Session& s = **slot;
      if (s.out.empty()) {
        if (!s.close_after_send) return 0;
        static const char kWhy[] = "going away";
        if (s.going_away) {
          lws_close_reason(wsi, LWS_CLOSE_STATUS_GOINGAWAY, reinterpret_cast<unsigned char*>(const_cast<char*>(kWhy)),
                           sizeof kWhy - 1);
        } else {
          lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, nullptr, 0);
        }
        return -1;
      }
      Message& m = s.out.front();
      const std::size_t n = m.data.size() - LWS_PRE;
      auto* p = reinterpret_cast<unsigned char*>(m.data.data()) + LWS_PRE;
      if (lws_write(wsi, p, n, m.binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT) < static_cast<int>(n)) return -1;
      s.out.pop_front();
      if (!s.out.empty() || s.close_after_send) lws_callback_on_writable(wsi);
      return 0;
    }
    case LWS_CALLBACK_CLOSED:
      delete *slot;
      *slot = nullptr;
      return 0;
    default:
      return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
}

const lws_protocols kProtocols[] = {
    {"echo", &callback, sizeof(Session*), 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
};

lws_vhost* vhost(lws_context* context, const char* name, const char* cert, const char* key) {
  lws_context_creation_info info{};
  info.port = 0;  // the kernel picks a free one
  info.iface = "127.0.0.1";
  info.protocols = kProtocols;
  info.vhost_name = name;
  info.options = LWS_SERVER_OPTION_DISABLE_IPV6 | (cert != nullptr ? LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT : 0);
  info.ssl_cert_filepath = cert;
  info.ssl_private_key_filepath = key;
  return lws_create_vhost(context, &info);
}

}  // namespace

int main(int argc, char** argv) {
  const char* cert = nullptr;
  const char* key = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--cert") == 0) cert = argv[i + 1];
    if (std::strcmp(argv[i], "--key") == 0) key = argv[i + 1];
  }
  lws_set_log_level(LLL_ERR, nullptr);
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.port = CONTEXT_PORT_NO_LISTEN;
  lws_context* context = lws_create_context(&info);
  if (context == nullptr) return 2;
  lws_vhost* plain = vhost(context, "ws", nullptr, nullptr);
  lws_vhost* tls = cert != nullptr ? vhost(context, "wss", cert, key) : nullptr;
  if (plain == nullptr || (cert != nullptr && tls == nullptr)) {
    std::fputs("ws_echo_server: cannot listen\n", stderr);
    return 2;
  }
  std::printf("%d %d\n", lws_get_vhost_listen_port(plain), tls != nullptr ? lws_get_vhost_listen_port(tls) : 0);
  std::fflush(stdout);
  std::signal(SIGTERM, [](int) { stopping = true; });
  std::thread stdin_watch([context] {
    char buf[256];
    while (read(STDIN_FILENO, buf, sizeof buf) > 0) {
    }
    stopping = true;
    lws_cancel_service(context);
  });
  stdin_watch.detach();
  while (!stopping) lws_service(context, 0);
  std::_Exit(0);  // the stdin thread may still be blocked in read()
}
