#include "web/ws_client.hpp"

#include <fmt/format.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <new>

#include "lua/guard.hpp"
#include "net/socket/socket_messages.hpp"
#include "web/lws_api.hpp"

namespace plua::stdlib::web {

namespace {

// Valid once a vhost exists: every lws call comes after it.
const LwsApi& api() { return *loaded_lws(); }

constexpr const char* kProtocolName = "plua-websocket-client";
constexpr const char* kCaBundle = "/etc/ssl/certs/ca-certificates.crt";  // Debian's ca-certificates
constexpr std::size_t kWriteChunk = 64 * 1024;  // a large message goes out as fragments of this size

const char* event_name(WsEvent::Kind kind) {
  switch (kind) {
    case WsEvent::Kind::Connected: return "connected";
    case WsEvent::Kind::Disconnected: return "disconnected";
    case WsEvent::Kind::Error: return "error";
    case WsEvent::Kind::Data: return "dataReceived";
  }
  return "error";
}

const char* event_label(WsEvent::Kind kind) {
  switch (kind) {
    case WsEvent::Kind::Connected: return "net.WebSocketClient connected listener";
    case WsEvent::Kind::Disconnected: return "net.WebSocketClient disconnected listener";
    case WsEvent::Kind::Error: return "net.WebSocketClient error listener";
    case WsEvent::Kind::Data: return "net.WebSocketClient dataReceived listener";
  }
  return "net.WebSocketClient listener";
}

// Why a TLS handshake on `wsi` failed, from OpenSSL's verify result
// (lws 4.1's own text names no reason); empty when it cannot say.
std::string tls_reason(lws* wsi) {
  const LwsApi& a = api();
  if (a.get_ssl == nullptr || a.ssl_verify_result == nullptr) return {};
  void* ssl = a.get_ssl(wsi);
  if (ssl == nullptr) return {};
  const long code = a.ssl_verify_result(ssl);
  if (code == 0) return {};  // X509_V_OK
  const char* text = a.x509_error_text != nullptr ? a.x509_error_text(code) : nullptr;
  return fmt::format("the TLS handshake failed: the server's certificate is not trusted: {} (X509 error {})",
                     text != nullptr ? text : "verification failed", code);
}

// A connect failure's system error, which lws 4.1 leaves in errno but does
// not name.
bool is_connect_errno(int e) {
  return e == ECONNREFUSED || e == ETIMEDOUT || e == EHOSTUNREACH || e == ENETUNREACH || e == ECONNRESET ||
         e == EADDRNOTAVAIL;
}

}  // namespace

// ---- WsConnection -----------------------------------------------------------------

WsConnection::WsConnection(WsClientService& service, std::uint64_t id, WsConfig config, lua::Ref dispatch,
                           runtime::Origin origin)
    : service_(service), id_(id), config_(std::move(config)), dispatch_(std::move(dispatch)), origin_(origin) {}

WsConnection::~WsConnection() { abandon(false); }

void WsConnection::start() {
  sockaddr_storage numeric{};
  if (net::parse_numeric(config_.host, config_.port, numeric)) {
    connect_to(config_.host);
    return;
  }
  int rc = 0;
  lookup_.reset(net::Lookup::start(service_.runtime().loop(), config_.host, config_.port, &WsConnection::on_resolved,
                                   this, rc));
  if (!lookup_) {
    end(WsEvent::Kind::Error, fmt::format("cannot connect to {}: {}", config_.url, net::resolve_error(rc, config_.host)));
    return;
  }
  state_ = State::Resolving;
  update_work();
}

void WsConnection::on_resolved(void* owner, int status, const sockaddr* addr) {
  auto* self = static_cast<WsConnection*>(owner);
  self->lookup_.release();  // the Lookup frees itself
  if (self->state_ != State::Resolving) return;
  try {
    if (status != 0) {
      self->end(WsEvent::Kind::Error, fmt::format("cannot connect to {}: {}", self->config_.url,
                                                  net::resolve_error(status, self->config_.host)));
      return;
    }
    self->connect_to(net::address_text(addr));
  } catch (const std::bad_alloc&) {
    self->end(WsEvent::Kind::Error, std::string(lua::kOutOfMemory));
  }
}

void WsConnection::connect_to(const std::string& address) noexcept {
  try {
    std::string& why = service_.scratch();
    lws_vhost* vhost = service_.vhost(why);
    lws_context* context = vhost == nullptr ? nullptr : service_.runtime().service<LwsContext>().open(why);
    if (context == nullptr) {
      end(WsEvent::Kind::Error, fmt::format("cannot connect to {}: {}", config_.url, why));
      return;
    }
    lws_client_connect_info info{};
    info.context = context;
    info.vhost = vhost;
    info.address = address.c_str();
    info.port = config_.port;
    if (config_.tls) info.ssl_connection = LCCSCF_USE_SSL | (config_.allow_self_signed ? LCCSCF_ALLOW_SELFSIGNED : 0);
    info.path = config_.path.c_str();
    // The name, not the address: the Host header, and for TLS the server
    // name sent (SNI) and checked against the certificate. An IPv6
    // literal goes in brackets there. No Origin header (a browser's): the
    // script may send one among its headers.
    const std::string host =
        config_.host.find(':') != std::string::npos ? "[" + config_.host + "]" : config_.host;
    info.host = host.c_str();
    info.origin = nullptr;
    info.ietf_version_or_minus_one = -1;
    info.local_protocol_name = kProtocolName;
    info.opaque_user_data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(id_));
    info.pwsi = &wsi_;
    state_ = State::Connecting;
    update_work();
    // lws may already report a failure from inside this call (on_lws).
    lws* wsi = api().client_connect_via_info(&info);
    if (state_ != State::Connecting) return;
    wsi_ = wsi;
    if (wsi == nullptr) end(WsEvent::Kind::Error, connect_failure(nullptr, nullptr, errno));
  } catch (const std::bad_alloc&) {
    end(WsEvent::Kind::Error, std::string(lua::kOutOfMemory));
  }
}

std::string WsConnection::connect_failure(lws* wsi, const char* why, int saved_errno) const {
  const std::string_view text = why != nullptr ? why : "";
  if (config_.tls && wsi != nullptr) {
    std::string tls = tls_reason(wsi);
    if (!tls.empty()) return fmt::format("cannot connect to {}: {}", config_.url, tls);
    if (text.find("SSL") != std::string_view::npos) {
      // lws's text here is OpenSSL's error queue, without a reason.
      return fmt::format("cannot connect to {}: the TLS handshake failed (is it a TLS server?)", config_.url);
    }
  }
  if (is_connect_errno(saved_errno)) {
    return fmt::format("cannot connect to {}: {}", config_.url, uv_strerror(uv_translate_sys_error(saved_errno)));
  }
  if (text.empty()) return fmt::format("cannot connect to {}: the connection failed", config_.url);
  return fmt::format("cannot connect to {}: {}", config_.url, text);
}

int WsConnection::on_lws(lws* wsi, lws_callback_reasons reason, void* in, std::size_t len) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
      return append_headers(wsi, static_cast<unsigned char**>(in), len);
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      wsi_ = wsi;
      if (state_ != State::Connecting) return -1;  // closed meanwhile
      state_ = State::Open;
      post(WsEvent::Kind::Connected, {}, false);
      if (!outgoing_.empty()) api().callback_on_writable(wsi);
      return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE:
      return on_receive(wsi, static_cast<const char*>(in), len);
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      return on_writable(wsi);
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
      int saved_errno = errno;
      // lws 4.1 closes a refused connection without naming why: the
      // socket's pending error still says it.
      if (const int fd = api().get_socket_fd(wsi); fd >= 0) {
        int pending = 0;
        socklen_t size = sizeof pending;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &size) == 0 && pending != 0) saved_errno = pending;
      }
      wsi_ = nullptr;
      if (user_closed_) {
        end(WsEvent::Kind::Disconnected, {});
      } else {
        end(WsEvent::Kind::Error, connect_failure(wsi, static_cast<const char*>(in), saved_errno));
      }
      return 0;
    }
    case LWS_CALLBACK_CLIENT_CLOSED:
      wsi_ = nullptr;
      end(WsEvent::Kind::Disconnected, {});
      return 0;
    case LWS_CALLBACK_WSI_DESTROY:
      wsi_ = nullptr;
      if (state_ == State::Connecting && !user_closed_) {
        end(WsEvent::Kind::Error, connect_failure(nullptr, "the connection closed during the handshake", 0));
      } else {
        end(WsEvent::Kind::Disconnected, {});
      }
      return 0;
    default:
      return api().callback_http_dummy(wsi, reason, nullptr, in, len);
  }
}

int WsConnection::append_headers(lws* wsi, unsigned char** p, std::size_t room) {
  unsigned char* end = *p + room;
  for (const auto& [name, value] : config_.headers) {
    const std::string field = name + ":";  // lws wants the colon
    if (api().add_http_header_by_name(wsi, reinterpret_cast<const unsigned char*>(field.c_str()),
                                      reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), p, end) != 0) {
      failure_ = "the handshake headers are too large";
      return -1;
    }
  }
  return 0;
}

int WsConnection::on_receive(lws* wsi, const char* data, std::size_t len) {
  if (state_ != State::Open && state_ != State::Closing) return 0;
  if (incoming_.size() + len > kMaxMessage) {
    failure_ = fmt::format("{}: a message larger than {} MiB arrived: the connection is closed", config_.url,
                           kMaxMessage / (1024 * 1024));
    incoming_.clear();
    incoming_.shrink_to_fit();
    static const char kWhy[] = "message too large";
    api().close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE,
                       reinterpret_cast<unsigned char*>(const_cast<char*>(kWhy)), sizeof kWhy - 1);
    return -1;
  }
  incoming_.append(data, len);
  if (api().is_final_fragment(wsi) != 0 && api().remaining_packet_payload(wsi) == 0) {
    post(WsEvent::Kind::Data, std::move(incoming_), false);
    incoming_.clear();
  }
  return 0;
}

int WsConnection::on_writable(lws* wsi) {
  if (outgoing_.empty()) {
    if (state_ != State::Closing) return 0;
    api().close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, nullptr, 0);
    return -1;  // lws sends the close frame and closes: CLIENT_CLOSED follows
  }
  // The bytes before the chunk are padding or already sent: lws may write
  // its framing there (the LWS_PRE contract).
  Outgoing& m = outgoing_.front();
  const std::size_t total = m.frame.size() - LWS_PRE;
  const std::size_t n = std::min(kWriteChunk, total - m.sent);
  const bool first = m.sent == 0;
  const bool last = m.sent + n == total;
  const int flags = lws_write_ws_flags(m.binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT, first, last);
  auto* chunk = reinterpret_cast<unsigned char*>(m.frame.data()) + LWS_PRE + m.sent;
  if (api().write(wsi, chunk, n, static_cast<lws_write_protocol>(flags)) < static_cast<int>(n)) {
    failure_ = fmt::format("{}: cannot send: the connection failed", config_.url);
    return -1;
  }
  m.sent += n;
  if (last) outgoing_.pop_front();
  if (!outgoing_.empty() || state_ == State::Closing) api().callback_on_writable(wsi);
  return 0;
}

bool WsConnection::send(std::string_view data, bool binary) {
  if (state_ != State::Open || wsi_ == nullptr) return false;
  Outgoing m;
  m.frame.reserve(LWS_PRE + data.size());
  m.frame.assign(LWS_PRE, '\0');
  m.frame.append(data);
  m.binary = binary;
  outgoing_.push_back(std::move(m));
  if (outgoing_.size() == 1) api().callback_on_writable(wsi_);
  return true;
}

void WsConnection::close() noexcept {
  switch (state_) {
    case State::Idle:
    case State::Done:
    case State::Closing:
      return;
    case State::Resolving:
      user_closed_ = true;
      end(WsEvent::Kind::Disconnected, {});
      return;
    case State::Connecting:
      user_closed_ = true;
      if (wsi_ == nullptr) {
        end(WsEvent::Kind::Disconnected, {});
      } else {
        api().set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);  // lws's callbacks end it
      }
      return;
    case State::Open:
      user_closed_ = true;
      state_ = State::Closing;  // what is queued goes first, then the close frame
      api().callback_on_writable(wsi_);
      return;
  }
}

void WsConnection::end(WsEvent::Kind kind, std::string text) noexcept {
  if (state_ == State::Done) return;
  state_ = State::Done;
  lookup_.reset();
  outgoing_.clear();
  incoming_.clear();
  if (!failure_.empty()) {
    // What went wrong on an open connection, before it closed.
    post(WsEvent::Kind::Error, std::move(failure_), false);
    failure_.clear();
  }
  post(kind, std::move(text), true);
  update_work();
}

void WsConnection::update_work() noexcept {
  const bool want = listening_ && state_ != State::Done && state_ != State::Idle && !service_.closed();
  if (want == holds_work_) return;
  holds_work_ = want;
  if (want) {
    service_.runtime().add_user_work();
  } else {
    service_.runtime().remove_user_work();
  }
}

void WsConnection::set_listening(bool listening) noexcept {
  listening_ = listening;
  update_work();
}

void WsConnection::abandon(bool wsi_alive) noexcept {
  lookup_.reset();
  if (wsi_alive && wsi_ != nullptr && state_ != State::Done) {
    api().set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
  }
  wsi_ = nullptr;
  state_ = State::Done;
  outgoing_.clear();
  update_work();
}

void WsConnection::post(WsEvent::Kind kind, std::string text, bool last) noexcept {
  WsEvent event;
  event.connection = id_;
  event.kind = kind;
  event.last = last;
  event.text = std::move(text);
  service_.post_event(std::move(event));
}

// ---- WsClientService --------------------------------------------------------------

WsClientService::WsClientService(runtime::Runtime& runtime) : runtime_(runtime) {
  runtime.catch_sigpipe();  // a write to a closed connection fails with EPIPE
  runtime.add_exit_hook([this] { shutdown(); });
  runtime.add_open_report([this](std::vector<std::string>& parts) {
    std::size_t open = 0;
    for (const auto& [id, connection] : connections_) open += connection->is_open() ? 1 : 0;
    if (open > 0) parts.push_back(fmt::format("{} WebSocket connection{} open", open, open == 1 ? "" : "s"));
  });
}

WsClientService::~WsClientService() {
  // Normally shutdown() ran as an exit hook; if not, the lua_State is
  // already closed: its references are only forgotten.
  for (auto& [id, connection] : connections_) connection->forget_lua();
  for (WsEvent& event : events_) event.dispatch.abandon();
  shutdown();
}

const lws_protocols* WsClientService::protocols() {
  // Static: lws keeps the pointer for as long as the vhost lives, which
  // may be longer than this service.
  static const lws_protocols list[] = {
      {kProtocolName, &WsClientService::callback, 0, 0, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };
  return list;
}

lws_vhost* WsClientService::vhost(std::string& why) {
  if (vhost_ != nullptr) return vhost_;
  if (closed_) {
    why = "the process is exiting";
    return nullptr;
  }
  LwsContext& shared = runtime_.service<LwsContext>();
  lws_context* context = shared.open(why);
  if (context == nullptr) return nullptr;
  lws_context_creation_info info{};
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols();
  info.vhost_name = "plua-websocket-clients";
  info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;  // this vhost's TLS client context
  // lws's built-in default is no CA store: the system's, as curl uses it.
  if (access(kCaBundle, R_OK) == 0) info.client_ssl_ca_filepath = kCaBundle;
  link_ = shared.link();
  link_->clients = this;
  vhost_ = api().create_vhost(context, &info);
  if (vhost_ == nullptr) {
    link_->clients = nullptr;
    link_.reset();
    why = "libwebsockets cannot make a client (is libwebsockets built with TLS?)";
  }
  return vhost_;
}

int WsClientService::callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len) {
  LwsLink* link = LwsContext::link_of(wsi);
  auto* self = link != nullptr ? static_cast<WsClientService*>(link->clients) : nullptr;
  const auto id = reinterpret_cast<std::uintptr_t>(wsi != nullptr ? api().get_opaque_user_data(wsi) : nullptr);
  WsConnection* connection = self != nullptr && id != 0 ? self->connection(id) : nullptr;
  if (connection == nullptr) {
    // A connection the script let go of: close it at its next turn.
    if (id != 0 && (reason == LWS_CALLBACK_CLIENT_RECEIVE || reason == LWS_CALLBACK_CLIENT_WRITEABLE ||
                    reason == LWS_CALLBACK_CLIENT_ESTABLISHED)) {
      return -1;
    }
    return api().callback_http_dummy(wsi, reason, user, in, len);
  }
  try {
    return connection->on_lws(wsi, reason, in, len);
  } catch (const std::bad_alloc&) {
    return -1;
  }
}

std::uint64_t WsClientService::open(WsConfig config, lua::Ref dispatch, runtime::Origin origin) {
  const std::uint64_t id = next_connection_++;
  auto connection = std::make_unique<WsConnection>(*this, id, std::move(config), std::move(dispatch), origin);
  WsConnection& ref = *connection;
  connections_.emplace(id, std::move(connection));
  ref.start();
  return id;
}

WsConnection* WsClientService::connection(std::uint64_t id) {
  const auto it = connections_.find(id);
  return it == connections_.end() ? nullptr : it->second.get();
}

void WsClientService::forget(std::uint64_t id) noexcept {
  const auto it = connections_.find(id);
  if (it == connections_.end()) return;
  it->second->abandon(!closed_);
  connections_.erase(it);
}

void WsClientService::post_event(WsEvent event) noexcept {
  if (closed_) return;
  runtime::Origin origin{};
  if (event.connection != 0) {
    WsConnection* owner = connection(event.connection);
    if (owner == nullptr) return;
    origin = owner->origin();
  }
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, origin, event_label(event.kind)};
  events_.post<WsClientService, &WsClientService::deliver>(runtime_, std::move(event), label, this);
}

// Protected code on the main thread. The event stays queued until its
// values are on the stack, so a memory error leaves nothing unowned (a
// later delivery drops it).
int WsClientService::deliver(lua_State* L, std::uint64_t seq) {
  WsEvent* found = events_.find(seq);
  if (found == nullptr) return -1;
  WsEvent& event = *found;
  WsConnection* owner = event.connection == 0 ? nullptr : connection(event.connection);
  const lua::Ref& dispatch = event.connection == 0 ? event.dispatch : (owner != nullptr ? owner->dispatch() : event.dispatch);
  if (!dispatch) {
    events_.pop();
    return -1;
  }
  luaL_checkstack(L, 3, nullptr);
  dispatch.push(L);
  lua_pushstring(L, event_name(event.kind));
  int args = 1;
  if (event.kind == WsEvent::Kind::Error || event.kind == WsEvent::Kind::Data) {
    lua_pushlstring(L, event.text.data(), event.text.size());
    args = 2;
  }
  // The dispatch function is on the stack: the connection may go.
  if (event.last && event.connection != 0) forget(event.connection);
  events_.pop();
  return args;
}

void WsClientService::context_closing() noexcept {
  closed_ = true;
  for (auto& [id, connection] : connections_) connection->abandon(false);
  connections_.clear();
  events_.clear();
  vhost_ = nullptr;
  link_.reset();
}

void WsClientService::shutdown() noexcept {
  if (closed_) return;
  closed_ = true;
  const bool context_alive = link_ && link_->clients == this;
  for (auto& [id, connection] : connections_) connection->abandon(context_alive);
  connections_.clear();  // releases the dispatch functions: the lua_State is still open
  events_.clear();
  if (context_alive) link_->clients = nullptr;
  link_.reset();
  vhost_ = nullptr;
}

}  // namespace plua::stdlib::web
