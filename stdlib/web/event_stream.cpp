#include "web/event_stream.hpp"

#include "web/lws_api.hpp"
#include "web/web_connection.hpp"

#include <new>

namespace plua::stdlib::web {

namespace {

// Valid once open() loaded the library: every lws call comes after it.
const LwsApi& api() { return *loaded_lws(); }

}  // namespace

const lws_protocols* EventStream::protocols() {
  // Static: lws keeps the pointer for as long as the vhost lives, which
  // may be longer than this stream.
  static const lws_protocols list[] = {
      {"events", &EventStream::callback, sizeof(Session), 0, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };
  return list;
}

bool EventStream::open(std::string& why) {
  if (vhost_ != nullptr) return true;
  LwsContext& shared = runtime_.service<LwsContext>();
  lws_context* context = shared.open(why);
  if (context == nullptr) return false;
  lws_context_creation_info info{};
  info.port = CONTEXT_PORT_NO_LISTEN_SERVER;  // sockets come adopted
  info.protocols = protocols();
  info.vhost_name = "plua-events";
  link_ = shared.link();
  link_->server = this;
  vhost_ = api().create_vhost(context, &info);
  if (vhost_ == nullptr) {
    link_->server = nullptr;
    why = "libwebsockets cannot make the event stream's vhost";
    return false;
  }
  return true;
}

bool EventStream::adopt(int fd, std::string_view request, std::string& why) {
  if (!open(why)) return false;
  // lws runs the handshake at once (our callbacks may run inside this
  // call), or closes fd when it refuses.
  api().adopt_socket_vhost_readbuf(vhost_, fd, request.data(), request.size());
  return true;
}

void EventStream::shutdown() noexcept {
  if (!link_) return;
  forget_all();
  // The vhost goes with the context (LwsContext's exit hook): from now on
  // lws's callbacks find no stream.
  if (link_->server == this) link_->server = nullptr;
  link_.reset();
  vhost_ = nullptr;
}

void EventStream::forget_all() noexcept {
  for (auto& [id, client] : clients_) drop_queue(client);
  clients_.clear();
}

// ---- lws -> us (inside libuv: no Lua here) ---------------------------------

int EventStream::callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len) {
  LwsLink* link = LwsContext::link_of(wsi);
  auto* self = link != nullptr ? static_cast<EventStream*>(link->server) : nullptr;
  auto* session = static_cast<Session*>(user);
  if (self == nullptr || session == nullptr) return api().callback_http_dummy(wsi, reason, user, in, len);
  try {
    switch (reason) {
      case LWS_CALLBACK_HTTP:
        return -1;  // only the upgrade was handed over: anything else closes
      case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char path[64];
        const int n = api().hdr_copy(wsi, path, sizeof path, WSI_TOKEN_GET_URI);
        return n > 0 && std::string_view(path, static_cast<std::size_t>(n)) == kEventsPath ? 0 : -1;
      }
      case LWS_CALLBACK_ESTABLISHED:
        return self->on_open(wsi, *session);
      case LWS_CALLBACK_SERVER_WRITEABLE:
        return self->on_writable(*session);
      case LWS_CALLBACK_RECEIVE:
        return 0;  // clients only listen
      case LWS_CALLBACK_CLOSED:
        self->drop_client(session->id);
        session->id = 0;
        return 0;
      default:
        break;
    }
  } catch (const std::bad_alloc&) {
    self->drop_client(session->id);
    session->id = 0;
    return -1;  // no memory for this client: it goes
  }
  return api().callback_http_dummy(wsi, reason, user, in, len);
}

int EventStream::on_open(lws* wsi, Session& session) {
  session.id = next_id_++;
  clients_[session.id].wsi = wsi;
  return 0;
}

void EventStream::broadcast(std::string_view text) {
  for (auto& [id, client] : clients_) {
    if (client.too_slow) continue;
    if (client.queue.size() >= kMaxQueued) {
      client.too_slow = true;  // closed at its next writable callback
      drop_queue(client);
    } else {
      std::string frame(LWS_PRE, '\0');
      frame.append(text);
      client.queue.push_back(std::move(frame));
      if (client.queue.size() == 1) runtime_.add_user_work();  // sent before the run ends
    }
    api().callback_on_writable(client.wsi);
  }
}

int EventStream::on_writable(Session& session) {
  const auto it = clients_.find(session.id);
  if (it == clients_.end()) return 0;
  Client& client = it->second;
  if (client.too_slow) return -1;
  if (client.queue.empty()) return 0;
  std::string& frame = client.queue.front();
  const std::size_t n = frame.size() - LWS_PRE;
  if (api().write(client.wsi, reinterpret_cast<unsigned char*>(frame.data()) + LWS_PRE, n, LWS_WRITE_TEXT) <
      static_cast<int>(n)) {
    return -1;
  }
  client.queue.pop_front();
  if (client.queue.empty()) {
    runtime_.remove_user_work();
  } else {
    api().callback_on_writable(client.wsi);
  }
  return 0;
}

void EventStream::drop_queue(Client& client) {
  if (!client.queue.empty()) runtime_.remove_user_work();
  client.queue.clear();
}

void EventStream::drop_client(std::uint64_t id) {
  const auto it = clients_.find(id);
  if (it == clients_.end()) return;
  drop_queue(it->second);
  clients_.erase(it);
}

}  // namespace plua::stdlib::web
