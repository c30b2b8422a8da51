#include "net/mqtt/mqtt_service.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <new>
#include <utility>

#include "lua/guard.hpp"
#include "net/socket/socket_messages.hpp"

namespace plua::stdlib::mqtt {

namespace {

constexpr std::uint64_t kTickMs = 1000;  // mosquitto_loop_misc: keep-alive pings
constexpr int kReadBurst = 256;          // packets read per readable event before polling again

const char* event_name(Event::Kind kind) {
  switch (kind) {
    case Event::Kind::Connected: return "connected";
    case Event::Kind::Closed: return "closed";
    case Event::Kind::Message: return "message";
    case Event::Kind::Subscribed: return "subscribed";
    case Event::Kind::Unsubscribed: return "unsubscribed";
    case Event::Kind::Published: return "published";
    case Event::Kind::Error: return "error";
  }
  return "error";
}

const char* event_label(Event::Kind kind) {
  switch (kind) {
    case Event::Kind::Connected: return "mqtt.Client connected listener";
    case Event::Kind::Closed: return "mqtt.Client closed listener";
    case Event::Kind::Message: return "mqtt.Client message listener";
    case Event::Kind::Subscribed: return "mqtt.Client subscribed listener";
    case Event::Kind::Unsubscribed: return "mqtt.Client unsubscribed listener";
    case Event::Kind::Published: return "mqtt.Client published listener";
    case Event::Kind::Error: return "mqtt.Client error listener";
  }
  return "mqtt.Client listener";
}

}  // namespace

// ---- MqttClient -------------------------------------------------------------------

MqttClient::MqttClient(MqttService& service, std::uint64_t id, ClientConfig config, lua::Ref dispatch,
                       runtime::Origin origin)
    : service_(service),
      api_(service.loaded_api()),
      id_(id),
      config_(std::move(config)),
      dispatch_(std::move(dispatch)),
      origin_(origin),
      mosq_(nullptr, MosqDeleter{&service.loaded_api()}) {}

MqttClient::~MqttClient() { abandon(); }

const char* MqttClient::error_text(int rc) const { return api_.strerror(rc); }

void MqttClient::start() {
  const char* id = config_.client_id.empty() ? nullptr : config_.client_id.c_str();
  mosq_.reset(api_.create(id, config_.clean_session, this));
  if (!mosq_) {
    // errno: ENOMEM, or EINVAL (no client id with cleanSession = false)
    post(Event{0, id_, Event::Kind::Error, true, false, false, 0, 0, MOSQ_ERR_INVAL,
               errno == ENOMEM ? std::string(lua::kOutOfMemory)
                               : std::string("cannot create the client: cleanSession = false needs a clientId"),
               {}, {}});
    state_ = State::Done;
    return;
  }
  mosquitto* m = mosq_.get();
  api_.int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  api_.connect_callback_set(m, &MqttClient::cb_connect);
  api_.disconnect_callback_set(m, &MqttClient::cb_disconnect);
  api_.message_callback_set(m, &MqttClient::cb_message);
  api_.subscribe_callback_set(m, &MqttClient::cb_subscribe);
  api_.unsubscribe_callback_set(m, &MqttClient::cb_unsubscribe);
  api_.publish_callback_set(m, &MqttClient::cb_publish);
  int rc = MOSQ_ERR_SUCCESS;
  if (config_.has_credentials) {
    rc = api_.username_pw_set(m, config_.username.c_str(), config_.has_password ? config_.password.c_str() : nullptr);
  }
  if (rc == MOSQ_ERR_SUCCESS && config_.has_will) {
    rc = api_.will_set(m, config_.will_topic.c_str(), static_cast<int>(config_.will_payload.size()),
                       config_.will_payload.data(), config_.will_qos, config_.will_retain);
  }
  if (rc == MOSQ_ERR_SUCCESS && config_.tls) {
    const auto path = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
    // Without a CA, the system's (Debian: /etc/ssl/certs).
    rc = api_.tls_set(m, path(config_.ca_file), config_.ca_file.empty() ? "/etc/ssl/certs" : nullptr,
                      path(config_.cert_file), path(config_.key_file), nullptr);
    if (rc == MOSQ_ERR_SUCCESS && !config_.verify) {
      rc = api_.tls_opts_set(m, 0 /* SSL_VERIFY_NONE */, nullptr, nullptr);
      if (rc == MOSQ_ERR_SUCCESS) rc = api_.tls_insecure_set(m, true);
    }
  }
  if (rc != MOSQ_ERR_SUCCESS) {
    post(Event{0, id_, Event::Kind::Error, true, false, false, 0, 0, rc,
               fmt::format("cannot set up the client for {}:{}: {}", config_.host, config_.port, api_.strerror(rc)),
               {}, {}});
    state_ = State::Done;
    return;
  }
  sockaddr_storage numeric{};
  if (net::parse_numeric(config_.host, config_.port, numeric)) {
    connect_to(config_.host);
    return;
  }
  // A host name: resolved on libuv's thread pool first, so that the loop
  // never waits for DNS (libmosquitto's own getaddrinfo then gets a
  // numeric address). TLS keeps the name for the certificate check: there
  // libmosquitto resolves again, normally from the resolver's cache.
  int uv_rc = 0;
  lookup_.reset(net::Lookup::start(service_.runtime().loop(), config_.host, config_.port, &MqttClient::on_resolved,
                                   this, uv_rc));
  if (!lookup_) {
    post(Event{0, id_, Event::Kind::Error, true, false, false, 0, 0, MOSQ_ERR_EAI,
               net::resolve_error(uv_rc, config_.host), {}, {}});
    state_ = State::Done;
    return;
  }
  state_ = State::Resolving;
  update_work();
}

void MqttClient::on_resolved(void* owner, int status, const sockaddr* addr) {
  auto* self = static_cast<MqttClient*>(owner);
  self->lookup_.release();  // the Lookup frees itself
  if (self->state_ != State::Resolving) return;
  if (status != 0) {
    try {
      self->post(Event{0, self->id_, Event::Kind::Error, true, false, false, 0, 0, MOSQ_ERR_EAI,
                       net::resolve_error(status, self->config_.host), {}, {}});
    } catch (const std::bad_alloc&) {
    }
    self->finish();
    return;
  }
  try {
    self->connect_to(self->config_.tls ? self->config_.host : net::address_text(addr));
  } catch (const std::bad_alloc&) {
    self->finish();
  }
}

void MqttClient::connect_to(const std::string& address) noexcept {
  state_ = State::Connecting;
  update_work();
  errno = 0;
  const int rc = api_.connect_bind_async(mosq_.get(), address.c_str(), config_.port, config_.keepalive, nullptr);
  if (rc != MOSQ_ERR_SUCCESS) {
    disconnect_rc_ = rc;
    disconnect_errno_ = errno;
    end();
    return;
  }
  watch();
  settle();
}

void MqttClient::watch() noexcept {
  const int fd = api_.socket(mosq_.get());
  if (fd < 0) return;
  uv_loop_t* loop = service_.runtime().loop();
  if (poll_.init(uv_poll_init, loop, fd) != 0 || timer_.init(uv_timer_init, loop) != 0) {
    disconnect_rc_ = MOSQ_ERR_NOMEM;
    return;  // settle() ends the client: the socket is closed below
  }
  poll_fd_ = fd;
  poll_.get()->data = this;
  timer_.get()->data = this;
  uv_timer_start(
      timer_.get(), [](uv_timer_t* t) { static_cast<MqttClient*>(t->data)->on_tick(); }, kTickMs, kTickMs);
}

void MqttClient::on_poll(int status, int events) noexcept {
  if (status < 0) events = UV_READABLE | UV_WRITABLE;  // let libmosquitto find the error
  mosquitto* m = mosq_.get();
  if ((events & UV_READABLE) != 0) {
    for (int i = 0; i < kReadBurst; ++i) {
      errno = 0;
      const int rc = api_.loop_read(m, 1);
      if (rc != MOSQ_ERR_SUCCESS || errno == EAGAIN || errno == EWOULDBLOCK || api_.socket(m) < 0) break;
    }
  }
  if ((events & UV_WRITABLE) != 0 && api_.socket(m) >= 0) api_.loop_write(m, 1);
  settle();
}

void MqttClient::on_tick() noexcept {
  if (mosq_ && api_.socket(mosq_.get()) >= 0) api_.loop_misc(mosq_.get());
  settle();
}

void MqttClient::settle() noexcept {
  if (state_ != State::Connecting && state_ != State::Connected) return;
  mosquitto* m = mosq_.get();
  const int fd = api_.socket(m);
  if (fd < 0 || fd != poll_fd_ || disconnect_rc_ == MOSQ_ERR_NOMEM) {
    end();
    return;
  }
  const int wanted = UV_READABLE | (api_.want_write(m) ? UV_WRITABLE : 0);
  if (wanted != poll_events_) {
    poll_events_ = wanted;
    uv_poll_start(poll_.get(), wanted, [](uv_poll_t* p, int status, int events) {
      static_cast<MqttClient*>(p->data)->on_poll(status, events);
    });
  }
}

std::string MqttClient::connect_failure() const {
  if (!refusal_.empty()) return refusal_;
  if (disconnect_rc_ == MOSQ_ERR_ERRNO && disconnect_errno_ != 0) {
    return net::connect_error(uv_translate_sys_error(disconnect_errno_), config_.host, config_.port);
  }
  if (config_.tls && (disconnect_rc_ == MOSQ_ERR_TLS || disconnect_rc_ == MOSQ_ERR_CONN_LOST ||
                      disconnect_rc_ == MOSQ_ERR_SUCCESS || disconnect_rc_ == MOSQ_ERR_PROTOCOL)) {
    return fmt::format("cannot connect to {}:{}: the TLS handshake failed (is the broker's certificate signed by "
                       "the certificateAuthority given, and for this host?)",
                       config_.host, config_.port);
  }
  if (disconnect_rc_ == MOSQ_ERR_SUCCESS || disconnect_rc_ == MOSQ_ERR_CONN_LOST) {
    return fmt::format("cannot connect to {}:{}: the broker closed the connection", config_.host, config_.port);
  }
  return fmt::format("cannot connect to {}:{}: {}", config_.host, config_.port, api_.strerror(disconnect_rc_));
}

void MqttClient::end() noexcept {
  const bool was_connected = state_ == State::Connected;
  try {
    if (was_connected || user_disconnect_) {
      post(Event{0, id_, Event::Kind::Closed, true, false, false, 0, 0, disconnect_rc_, {}, {}, {}});
    } else {
      const int code = !refusal_.empty() ? refusal_code_ : disconnect_rc_;
      post(Event{0, id_, Event::Kind::Error, true, false, false, 0, 0, code, connect_failure(), {}, {}});
    }
  } catch (const std::bad_alloc&) {
  }
  finish();
}

void MqttClient::finish() noexcept {
  state_ = State::Done;
  lookup_.reset();
  poll_.close();
  timer_.close();
  poll_fd_ = -1;
  update_work();
}

void MqttClient::update_work() noexcept {
  const bool want = listen_mask_ != 0 && state_ != State::Done && state_ != State::Idle && !service_.closed();
  if (want == holds_work_) return;
  holds_work_ = want;
  if (want) {
    service_.runtime().add_user_work();
  } else {
    service_.runtime().remove_user_work();
  }
}

void MqttClient::set_listening(unsigned mask) noexcept {
  listen_mask_ = mask;
  update_work();
}

int MqttClient::subscribe(char* const* topics, int count, int qos, int& mid) {
  if (state_ == State::Done || !mosq_) return MOSQ_ERR_NO_CONN;
  const int rc = api_.subscribe_multiple(mosq_.get(), &mid, count, topics, qos, 0, nullptr);
  settle();
  return rc;
}

int MqttClient::unsubscribe(char* const* topics, int count, int& mid) {
  if (state_ == State::Done || !mosq_) return MOSQ_ERR_NO_CONN;
  const int rc = api_.unsubscribe_multiple(mosq_.get(), &mid, count, topics, nullptr);
  settle();
  return rc;
}

int MqttClient::publish(const char* topic, const void* payload, int length, int qos, bool retain, int& mid) {
  if (state_ == State::Done || !mosq_) return MOSQ_ERR_NO_CONN;
  const int rc = api_.publish(mosq_.get(), &mid, topic, length, payload, qos, retain);
  settle();
  return rc;
}

void MqttClient::disconnect() noexcept {
  if (state_ == State::Done || state_ == State::Idle) return;
  user_disconnect_ = true;
  if (state_ == State::Resolving) {
    try {
      post(Event{0, id_, Event::Kind::Closed, true, false, false, 0, 0, 0, {}, {}, {}});
    } catch (const std::bad_alloc&) {
    }
    finish();
    return;
  }
  if (state_ == State::Connected) {
    api_.disconnect(mosq_.get());  // writes DISCONNECT; libmosquitto then closes the socket
    if (api_.socket(mosq_.get()) >= 0) api_.loop_write(mosq_.get(), 1);
  }
  if (api_.socket(mosq_.get()) >= 0) {
    // Still connecting, or DISCONNECT could not be written yet: close now.
    poll_.close();
    poll_fd_ = -1;
    mosq_.reset();  // mosquitto_destroy closes the socket
  }
  end();
}

void MqttClient::abandon() noexcept {
  user_disconnect_ = true;
  lookup_.reset();
  poll_.close();
  timer_.close();
  poll_fd_ = -1;
  mosq_.reset();
  state_ = State::Done;
  update_work();
}

void MqttClient::post(Event event) noexcept {
  if (!event.last && !listens(event.kind)) return;
  service_.post_event(std::move(event));
}

// ---- libmosquitto's callbacks: inside loop_read/loop_write/publish ----------------

void MqttClient::cb_connect(mosquitto*, void* obj, int rc) {
  auto* self = static_cast<MqttClient*>(obj);
  if (rc != 0) {
    try {
      self->refusal_ = fmt::format("the broker {}:{} refused the connection: {} (reason code {})", self->config_.host,
                                   self->config_.port, self->api_.connack_string(rc), rc);
    } catch (const std::bad_alloc&) {
    }
    self->refusal_code_ = rc;
    return;  // libmosquitto closes the connection: end() reports it
  }
  self->state_ = State::Connected;
  self->update_work();
  try {
    self->post(Event{0, self->id_, Event::Kind::Connected, false, false, false, 0, 0, 0, {}, {}, {}});
  } catch (const std::bad_alloc&) {
  }
}

void MqttClient::cb_disconnect(mosquitto*, void* obj, int rc) {
  auto* self = static_cast<MqttClient*>(obj);
  const int saved = errno;
  if (self->disconnect_rc_ == MOSQ_ERR_SUCCESS) {
    self->disconnect_rc_ = rc;
    self->disconnect_errno_ = saved;
  }
}

void MqttClient::cb_message(mosquitto*, void* obj, const mosquitto_message* message) {
  auto* self = static_cast<MqttClient*>(obj);
  if (!self->listens(Event::Kind::Message)) return;
  try {
    Event event{0, self->id_, Event::Kind::Message, false, message->retain, false, message->qos, message->mid, 0,
                std::string(message->topic),
                std::string(static_cast<const char*>(message->payload), static_cast<std::size_t>(message->payloadlen)),
                {}};
    self->post(std::move(event));
  } catch (const std::bad_alloc&) {
  }
}

void MqttClient::cb_subscribe(mosquitto*, void* obj, int mid, int count, const int* granted) {
  auto* self = static_cast<MqttClient*>(obj);
  if (!self->listens(Event::Kind::Subscribed)) return;
  try {
    self->post(Event{0, self->id_, Event::Kind::Subscribed, false, false, false, 0, mid, 0, {}, {},
                     std::vector<int>(granted, granted + count)});
  } catch (const std::bad_alloc&) {
  }
}

void MqttClient::cb_unsubscribe(mosquitto*, void* obj, int mid) {
  auto* self = static_cast<MqttClient*>(obj);
  try {
    self->post(Event{0, self->id_, Event::Kind::Unsubscribed, false, false, false, 0, mid, 0, {}, {}, {}});
  } catch (const std::bad_alloc&) {
  }
}

void MqttClient::cb_publish(mosquitto*, void* obj, int mid) {
  auto* self = static_cast<MqttClient*>(obj);
  if (!self->listens(Event::Kind::Published)) return;
  try {
    self->post(Event{0, self->id_, Event::Kind::Published, false, false, false, 0, mid, 0, {}, {}, {}});
  } catch (const std::bad_alloc&) {
  }
}

// ---- MqttService ------------------------------------------------------------------

MqttService::MqttService(runtime::Runtime& runtime) : runtime_(runtime) {
  runtime.catch_sigpipe();  // a write to a closed connection fails with EPIPE
  runtime.add_exit_hook([this] { shutdown(); });
}

MqttService::~MqttService() {
  // shutdown() normally ran as an exit hook; if not, the lua_State is closed.
  for (auto& [id, client] : clients_) {
    client->dispatch_.abandon();
    client->abandon();
  }
  clients_.clear();
}

const MosquittoApi* MqttService::api(std::string& error) {
  if (!api_) api_ = MosquittoApi::load(error);
  return api_.get();
}

std::uint64_t MqttService::open(ClientConfig config, lua::Ref dispatch, runtime::Origin origin) {
  const std::uint64_t id = next_client_++;
  auto client = std::make_unique<MqttClient>(*this, id, std::move(config), std::move(dispatch), origin);
  MqttClient& ref = *client;
  clients_.emplace(id, std::move(client));
  ref.start();
  return id;
}

MqttClient* MqttService::client(std::uint64_t id) {
  const auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : it->second.get();
}

void MqttService::forget(std::uint64_t id) noexcept { clients_.erase(id); }

void MqttService::post_event(Event event) noexcept {
  if (closed_) return;
  MqttClient* owner = client(event.client);
  if (owner == nullptr) return;
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, owner->origin(), event_label(event.kind)};
  events_.post<MqttService, &MqttService::deliver>(runtime_, std::move(event), label, this);
}

// Protected code on the main thread. The event stays queued until its
// values are on the stack, so a memory error leaves nothing unowned (a
// later delivery drops it).
int MqttService::deliver(lua_State* L, std::uint64_t seq) {
  Event* found = events_.find(seq);
  if (found == nullptr) return -1;
  Event& event = *found;
  MqttClient* owner = client(event.client);
  if (owner == nullptr || !owner->dispatch()) {
    events_.pop();
    return -1;
  }
  if (event.last && !owner->listens(event.kind)) {  // nobody listens: only the clean-up
    forget(event.client);
    events_.pop();
    return -1;
  }
  luaL_checkstack(L, 6, nullptr);
  owner->dispatch().push(L);
  lua_pushstring(L, event_name(event.kind));
  lua_createtable(L, 0, 6);
  lua_pushstring(L, event_name(event.kind));
  lua_setfield(L, -2, "type");
  switch (event.kind) {
    case Event::Kind::Connected:
      lua_pushboolean(L, event.flag);
      lua_setfield(L, -2, "sessionPresent");
      lua_pushinteger(L, event.code);
      lua_setfield(L, -2, "returnCode");
      break;
    case Event::Kind::Closed:
      break;
    case Event::Kind::Message:
      lua_pushlstring(L, event.topic.data(), event.topic.size());
      lua_setfield(L, -2, "topic");
      lua_pushlstring(L, event.payload.data(), event.payload.size());
      lua_setfield(L, -2, "payload");
      lua_pushinteger(L, event.qos);
      lua_setfield(L, -2, "qos");
      lua_pushboolean(L, event.retain);
      lua_setfield(L, -2, "retain");
      lua_pushboolean(L, event.flag);
      lua_setfield(L, -2, "dup");
      lua_pushinteger(L, event.mid);
      lua_setfield(L, -2, "packetId");
      break;
    case Event::Kind::Subscribed:
      lua_pushinteger(L, event.mid);
      lua_setfield(L, -2, "packetId");
      lua_createtable(L, static_cast<int>(event.granted.size()), 0);
      for (std::size_t i = 0; i < event.granted.size(); ++i) {
        lua_pushinteger(L, event.granted[i]);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
      }
      lua_setfield(L, -2, "results");
      break;
    case Event::Kind::Unsubscribed:
    case Event::Kind::Published:
      lua_pushinteger(L, event.mid);
      lua_setfield(L, -2, "packetId");
      break;
    case Event::Kind::Error:
      lua_pushinteger(L, event.code);
      lua_setfield(L, -2, "code");
      lua_pushlstring(L, event.topic.data(), event.topic.size());
      lua_setfield(L, -2, "message");
      break;
  }
  if (event.last) forget(event.client);  // the dispatch function is on the stack
  events_.pop();
  return 2;
}

void MqttService::shutdown() noexcept {
  if (closed_) return;
  closed_ = true;
  for (auto& [id, client] : clients_) client->abandon();
  clients_.clear();  // releases the dispatch functions: the lua_State is still open
  events_.clear();
}

}  // namespace plua::stdlib::mqtt
