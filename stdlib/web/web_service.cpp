#include "web/web_service.hpp"

#include <fmt/format.h>

#include "web/lws_api.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

namespace plua::stdlib::web {

namespace {

// Valid from the first listen() that loaded the library: every lws call
// comes after it.
const LwsApi& api() { return *loaded_lws(); }

constexpr const char* kRequestWhat = "web API request";

// The HTTP methods the API answers, by the header lws files the URI under.
struct MethodToken {
  lws_token_indexes token;
  const char* name;
};
constexpr MethodToken kMethods[] = {
    {WSI_TOKEN_GET_URI, "GET"},       {WSI_TOKEN_POST_URI, "POST"},       {WSI_TOKEN_PUT_URI, "PUT"},
    {WSI_TOKEN_DELETE_URI, "DELETE"}, {WSI_TOKEN_PATCH_URI, "PATCH"},     {WSI_TOKEN_OPTIONS_URI, "OPTIONS"},
};

const char* method_of(lws* wsi) {
  for (const MethodToken& m : kMethods) {
    if (api().hdr_total_length(wsi, m.token) > 0) return m.name;
  }
  return nullptr;
}

// The Content-Length header: -1 when absent, -2 when not a number.
long long content_length(lws* wsi) {
  char text[32];
  const int n = api().hdr_copy(wsi, text, sizeof text, WSI_TOKEN_HTTP_CONTENT_LENGTH);
  if (n <= 0) return -1;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text, text + n, value);
  if (ec != std::errc{} || end != text + n || value < 0) return -2;
  return value;
}

// Whether host:port can be bound now: a listener elsewhere (another plua,
// another server) gives EADDRINUSE. lws only says that it failed; this says
// why. Nothing is left open.
bool probe(const std::string& host, int port, std::string& why) {
  sockaddr_storage address{};
  socklen_t size = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    size = sizeof *v4;
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    size = sizeof *v6;
  } else {
    why = "not an IP address";
    return false;
  }
  const int fd = socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  const int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0;
  if (!ok) why = std::strerror(errno);
  close(fd);
  return ok;
}

}  // namespace

WebService::WebService(runtime::Runtime& runtime) : runtime_(runtime) {
  // Before the context's own exit hook (LwsContext is made by listen()).
  runtime_.add_exit_hook([this] { shutdown(); });
  runtime_.add_open_report([this](std::vector<std::string>& parts) {
    if (!clients_.empty()) {
      parts.push_back(fmt::format("{} {} client{} connected", clients_.size(), kEventsPath, clients_.size() == 1 ? "" : "s"));
    }
  });
}

WebService::~WebService() { shutdown(); }

const lws_protocols* WebService::protocols() {
  // Static: lws keeps the pointer for as long as the vhost lives, which
  // may be longer than this service.
  static const lws_protocols list[] = {
      {"http", &WebService::callback, sizeof(Session), 0, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };
  return list;
}

bool WebService::listen(const std::string& host, int port, std::string& why) {
  if (vhost_ != nullptr) {
    why = "already serving";
    return false;
  }
  if (port < 1 || port > 65535) {
    why = "the port must be 1 to 65535";
    return false;
  }
  if (!probe(host, port, why)) return false;
  LwsContext& shared = runtime_.service<LwsContext>();
  lws_context* context = shared.open(why);
  if (context == nullptr) return false;
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_DISABLE_IPV6 * (host.find(':') == std::string::npos);
  info.port = port;
  info.iface = host.c_str();
  info.protocols = protocols();
  info.vhost_name = "plua";
  link_ = shared.link();
  link_->server = this;
  vhost_ = api().create_vhost(context, &info);
  if (vhost_ == nullptr) {
    link_->server = nullptr;
    why = "libwebsockets cannot serve there";
    return false;
  }
  return true;
}

void WebService::shutdown() noexcept {
  if (!link_) return;
  for (auto& [id, request] : requests_) {
    if (request->posted && !request->held) runtime_.remove_user_work();
  }
  requests_.clear();
  for (auto& [id, client] : clients_) drop_queue(client);
  clients_.clear();
  // The vhost goes with the context (LwsContext's exit hook, after this
  // one): from now on lws's callbacks find no server.
  if (link_->server == this) link_->server = nullptr;
  link_.reset();
  vhost_ = nullptr;
}

// ---- lws -> us (inside libuv: no Lua here) ---------------------------------

int WebService::callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len) {
  LwsLink* link = LwsContext::link_of(wsi);
  auto* self = link != nullptr ? static_cast<WebService*>(link->server) : nullptr;
  auto* session = static_cast<Session*>(user);
  if (self == nullptr || session == nullptr) return api().callback_http_dummy(wsi, reason, user, in, len);
  try {
    switch (reason) {
      case LWS_CALLBACK_HTTP:
        return self->on_http(wsi, *session, static_cast<const char*>(in), len);
      case LWS_CALLBACK_HTTP_BODY:
        return self->on_body(*session, static_cast<const char*>(in), len);
      case LWS_CALLBACK_HTTP_BODY_COMPLETION:
        return self->on_body_done(*session);
      case LWS_CALLBACK_HTTP_WRITEABLE:
        return self->on_writable(wsi, *session);
      case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        // A WebSocket only at kEventsPath.
        char path[64];
        const int n = api().hdr_copy(wsi, path, sizeof path, WSI_TOKEN_GET_URI);
        return n > 0 && std::string_view(path, static_cast<std::size_t>(n)) == kEventsPath ? 0 : -1;
      }
      case LWS_CALLBACK_ESTABLISHED:
        return self->on_ws_open(wsi, *session);
      case LWS_CALLBACK_SERVER_WRITEABLE:
        return self->on_ws_writable(*session);
      case LWS_CALLBACK_RECEIVE:
        return 0;  // clients only listen
      case LWS_CALLBACK_CLOSED:
        self->drop_client(session->id);
        session->id = 0;
        return 0;
      case LWS_CALLBACK_CLOSED_HTTP:
      case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
        self->on_closed(*session);
        break;
      default:
        break;
    }
  } catch (const std::bad_alloc&) {
    // No memory for this request: drop its connection.
    self->on_closed(*session);
    return -1;
  }
  return api().callback_http_dummy(wsi, reason, user, in, len);
}

int WebService::on_http(lws* wsi, Session& session, const char* uri, std::size_t len) {
  forget(session.id);  // a kept-alive connection's next request
  const std::uint64_t id = next_id_++;
  session.id = id;
  auto request = std::make_unique<Request>();
  request->wsi = wsi;
  Request& r = *request;
  requests_.emplace(id, std::move(request));
  const char* method = method_of(wsi);
  if (method == nullptr) return answer_now(wsi, session, 405, R"({"message":"method not allowed","reason":"MethodNotAllowed","type":"ERROR"})");
  r.method = method;
  r.path.assign(uri, len);
  // The query, which lws keeps apart, one decoded fragment per name=value.
  char fragment[1024];
  for (int i = 0;; ++i) {
    const int n = api().hdr_copy_fragment(wsi, fragment, sizeof fragment, WSI_TOKEN_HTTP_URI_ARGS, i);
    if (n < 0) break;
    r.path += i == 0 ? '?' : '&';
    r.path.append(fragment, static_cast<std::size_t>(n));
  }
  const long long length = content_length(wsi);
  const bool chunked = api().hdr_total_length(wsi, WSI_TOKEN_HTTP_TRANSFER_ENCODING) > 0;
  if (length == -2) return answer_now(wsi, session, 400, R"({"message":"bad Content-Length","reason":"BadRequest","type":"ERROR"})");
  if (length > static_cast<long long>(kMaxBody)) return answer_now(wsi, session, 413, R"({"message":"the body is larger than 256 KiB","reason":"PayloadTooLarge","type":"ERROR"})");
  if (length <= 0 && !chunked) post(id, r);  // no body to wait for
  return 0;
}

int WebService::on_body(Session& session, const char* data, std::size_t len) {
  const auto it = requests_.find(session.id);
  if (it == requests_.end() || it->second->answered) return 0;
  Request& r = *it->second;
  if (r.body.size() + len > kMaxBody) {
    return answer_now(r.wsi, session, 413, R"({"message":"the body is larger than 256 KiB","reason":"PayloadTooLarge","type":"ERROR"})");
  }
  r.body.append(data, len);
  return 0;
}

int WebService::on_body_done(Session& session) {
  const auto it = requests_.find(session.id);
  if (it != requests_.end() && !it->second->posted && !it->second->answered) post(session.id, *it->second);
  return 0;
}

int WebService::answer_now(lws* wsi, Session& session, int status, std::string_view body) {
  const auto it = requests_.find(session.id);
  if (it == requests_.end()) return -1;
  Request& r = *it->second;
  set_answer(r, status, body, kJson);
  write_answer(wsi, r);
  forget(session.id);
  session.id = 0;
  return -1;  // the body, if any, was not read: the connection closes
}

void WebService::set_answer(Request& r, int status, std::string_view body, const char* type) {
  r.answer.reserve(kHeadRoom + body.size());
  r.answer.assign(kHeadRoom, '\0');
  r.answer.append(body);
  r.status = status;
  r.type = type;
  r.answered = true;
}

bool WebService::write_answer(lws* wsi, Request& r) {
  unsigned char head[kHeadRoom - LWS_PRE];
  unsigned char* p = head;
  unsigned char* end = head + sizeof head;
  const std::size_t body = r.answer.size() - kHeadRoom;
  char length[24];
  const auto digits = std::to_chars(length, length + sizeof length, body).ptr;
  if (api().add_http_header_status(wsi, static_cast<unsigned int>(r.status), &p, end) != 0 ||
      api().add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, reinterpret_cast<const unsigned char*>(r.type),
                                     static_cast<int>(std::strlen(r.type)), &p, end) != 0 ||
      api().add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH, reinterpret_cast<unsigned char*>(length),
                                     static_cast<int>(digits - length), &p, end) != 0 ||
      api().finalize_http_header(wsi, &p, end) != 0) {
    return false;
  }
  // The head goes right in front of the body; LWS_PRE bytes stay free
  // before it (the lws_write contract).
  const auto size = static_cast<std::size_t>(p - head);
  unsigned char* start = reinterpret_cast<unsigned char*>(r.answer.data()) + kHeadRoom - size;
  std::memcpy(start, head, size);
  return api().write(wsi, start, size + body, LWS_WRITE_HTTP_FINAL) >= 0;
}

int WebService::on_writable(lws* wsi, Session& session) {
  // Only an answer lws could not send at once waits for this (respond()).
  const std::uint64_t id = session.id;
  const auto it = requests_.find(id);
  if (it == requests_.end() || !it->second->answered) return 0;
  return end_request(id, wsi, &session);
}

int WebService::end_request(std::uint64_t id, lws* wsi, Session* session) {
  if (api().partial_buffered(wsi) != 0) {
    // lws keeps what the socket did not take and sends it first; the
    // request stays (and keeps the run alive) until then: on_writable.
    api().callback_on_writable(wsi);
    return 0;
  }
  forget(id);
  // Before lws_http_transaction_completed, which may free the session
  // (it binds the connection to its protocol afresh).
  if (session != nullptr) session->id = 0;
  return api().http_transaction_completed(wsi) != 0 ? -1 : 0;
}

void WebService::on_closed(Session& session) {
  forget(session.id);
  session.id = 0;
}

void WebService::forget(std::uint64_t id) {
  const auto it = requests_.find(id);
  if (it == requests_.end()) return;
  if (it->second->posted && !it->second->held) runtime_.remove_user_work();
  requests_.erase(it);
}

// ---- WebSocket: the event stream ------------------------------------------------

int WebService::on_ws_open(lws* wsi, Session& session) {
  session.id = next_id_++;
  clients_[session.id].wsi = wsi;
  return 0;
}

void WebService::broadcast(std::string_view text) {
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

int WebService::on_ws_writable(Session& session) {
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

void WebService::drop_queue(Client& client) {
  if (!client.queue.empty()) runtime_.remove_user_work();
  client.queue.clear();
}

void WebService::drop_client(std::uint64_t id) {
  const auto it = clients_.find(id);
  if (it == clients_.end()) return;
  drop_queue(it->second);
  clients_.erase(it);
}

// ---- the job: Lua answers ----------------------------------------------------

void WebService::post(std::uint64_t id, Request& request) {
  const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, runtime::Origin{}, kRequestWhat};
  const auto run = [](lua_State* L, void* self, std::uint64_t request_id) {
    return static_cast<WebService*>(self)->deliver(L, request_id);
  };
  runtime_.scheduler().post(runtime::Job{run, this, id, label});
  request.posted = true;
  runtime_.add_user_work();
}

// Protected code on the main thread: pushes plua.web.handle and
// (id, method, path, body or nil); -1 when the request is gone.
int WebService::deliver(lua_State* L, std::uint64_t id) {
  const auto it = requests_.find(id);
  if (it == requests_.end()) return -1;
  const Request& r = *it->second;
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, "plua.web");
  lua_remove(L, -2);
  if (lua_type(L, -1) != LUA_TTABLE) {
    lua_pop(L, 1);
    return -1;
  }
  lua_getfield(L, -1, "handle");
  lua_remove(L, -2);
  lua_pushinteger(L, static_cast<lua_Integer>(id));
  lua_pushlstring(L, r.method.data(), r.method.size());
  lua_pushlstring(L, r.path.data(), r.path.size());
  if (r.body.empty()) {
    lua_pushnil(L);
  } else {
    lua_pushlstring(L, r.body.data(), r.body.size());
  }
  return 4;
}

void WebService::respond(std::uint64_t id, int status, std::string_view body, bool html) {
  const auto it = requests_.find(id);
  if (it == requests_.end() || it->second->answered) return;
  Request& r = *it->second;
  lws* wsi = r.wsi;
  set_answer(r, status, body, html ? kHtml : kJson);
  // At once, from this task: no round through the loop for a socket that
  // takes the answer.
  if (!write_answer(wsi, r)) {
    forget(id);
    api().set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);  // broken: closed at lws's next service
    return;
  }
  if (end_request(id, wsi, nullptr) < 0) api().set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
}

void WebService::hold(std::uint64_t id) {
  const auto it = requests_.find(id);
  if (it == requests_.end() || it->second->answered || it->second->held || !it->second->posted) return;
  it->second->held = true;
  runtime_.remove_user_work();
}

}  // namespace plua::stdlib::web
