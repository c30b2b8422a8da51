#pragma once
// net.WebSocketClient's per-Runtime state (runtime.service<WsClientService>()):
// the connections by the id their Lua handle holds, and the events waiting
// for their turn in the ready queue. Each connection is a libwebsockets
// client on the Runtime's one lws context (lws_context.hpp), in a client
// vhost of its own (no listening socket), so it runs on plua's uv loop.
//
// lws calls back from inside libuv: there a connection only records an
// event and posts it (post_event); the posted job hands it to the Lua side
// (websocket.lua), so no Lua runs inside libuv or lws. A host name is
// resolved on libuv's thread pool first (this lws has no asynchronous DNS
// of its own), so the loop never waits for DNS.
//
// User work: a connection that has listeners and is resolving, connecting,
// open or closing (see WsConnection::update_work); its posted events count
// until they ran (the scheduler's jobs).

#include <libwebsockets.h>
#include <lua.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lua/ref.hpp"
#include "net/socket/resolver.hpp"
#include "runtime.hpp"
#include "web/lws_context.hpp"
#include "net/posted_events.hpp"

namespace plua::stdlib::web {

// A message larger than this closes the connection with an error.
inline constexpr std::size_t kMaxMessage = 16 * 1024 * 1024;

// What ws:connect asked for (checked by websocket.lua).
struct WsConfig {
  std::string url;   // as given: for messages
  std::string host;  // a name or a numeric address
  int port = 80;
  std::string path = "/";  // with its query
  bool tls = false;
  bool allow_self_signed = false;  // accept a self-signed certificate (the host name is still checked)
  std::vector<std::pair<std::string, std::string>> headers;  // extra handshake headers
};

// One thing to tell the script, in the order lws reported it.
struct WsEvent {
  enum class Kind : std::uint8_t { Connected, Disconnected, Error, Data };
  std::uint64_t seq = 0;
  std::uint64_t connection = 0;  // 0: `dispatch` below, no connection
  Kind kind = Kind::Error;
  bool last = false;  // the connection's final event: it is forgotten once delivered
  std::string text;   // error: the message; data: the payload
  lua::Ref dispatch;  // for connection 0 only
};

class WsClientService;

class WsConnection {
 public:
  WsConnection(WsClientService& service, std::uint64_t id, WsConfig config, lua::Ref dispatch,
               runtime::Origin origin);
  WsConnection(const WsConnection&) = delete;
  WsConnection& operator=(const WsConnection&) = delete;
  ~WsConnection();

  // Resolves the host if needed, then connects. Failures are posted as an
  // `error` event. Throws std::bad_alloc.
  void start();
  // Queues a message (text or binary frame); false when not open.
  // Throws std::bad_alloc.
  bool send(std::string_view data, bool binary);
  // A close frame, then `disconnected` (at once while still connecting).
  void close() noexcept;
  bool is_open() const { return state_ == State::Open; }
  bool live() const { return state_ != State::Idle && state_ != State::Done; }
  // Whether the script listens at all: a live connection with listeners is
  // user work.
  void set_listening(bool listening) noexcept;

  const lua::Ref& dispatch() const { return dispatch_; }
  runtime::Origin origin() const { return origin_; }
  // Stops everything without events (exit, the context going, the Lua
  // handle collected); calls lws only if `wsi_alive`.
  void abandon(bool wsi_alive) noexcept;
  // The lua_State is closed: the dispatch reference is only forgotten.
  void forget_lua() noexcept { dispatch_.abandon(); }

  // lws's callback for this connection's wsi.
  int on_lws(lws* wsi, lws_callback_reasons reason, void* in, std::size_t len);

 private:
  enum class State : std::uint8_t { Idle, Resolving, Connecting, Open, Closing, Done };
  struct Outgoing {
    std::string frame;  // LWS_PRE bytes, then the message
    bool binary = false;
    std::size_t sent = 0;
  };

  static void on_resolved(void* owner, int status, const sockaddr* addr);
  void connect_to(const std::string& address) noexcept;
  int on_receive(lws* wsi, const char* data, std::size_t len);
  int on_writable(lws* wsi);
  int append_headers(lws* wsi, unsigned char** p, std::size_t room);
  // The connection ends with its last event.
  void end(WsEvent::Kind kind, std::string text) noexcept;
  std::string connect_failure(lws* wsi, const char* why, int saved_errno) const;
  void update_work() noexcept;
  void post(WsEvent::Kind kind, std::string text, bool last) noexcept;

  WsClientService& service_;
  std::uint64_t id_;
  WsConfig config_;
  lua::Ref dispatch_;
  runtime::Origin origin_;
  net::LookupPtr lookup_;
  lws* wsi_ = nullptr;
  State state_ = State::Idle;
  bool listening_ = false;
  bool holds_work_ = false;
  bool user_closed_ = false;
  std::string failure_;  // what went wrong on an open connection: an `error` before `disconnected`
  std::string incoming_;
  std::deque<Outgoing> outgoing_;
};

class WsClientService final : public runtime::Service, private LwsUser {
 public:
  explicit WsClientService(runtime::Runtime& runtime);
  WsClientService(const WsClientService&) = delete;
  WsClientService& operator=(const WsClientService&) = delete;
  ~WsClientService() override;

  runtime::Runtime& runtime() { return runtime_; }
  bool closed() const { return closed_; }
  // The client vhost on the shared context, made on first use; nullptr and
  // `why` if it cannot be. May throw std::bad_alloc.
  lws_vhost* vhost(std::string& why);
  // Where a body (lua::after_cpp) leaves a message it builds.
  std::string& scratch() { return scratch_; }

  // Creates and starts a connection; returns its id. Throws std::bad_alloc.
  std::uint64_t open(WsConfig config, lua::Ref dispatch, runtime::Origin origin);
  WsConnection* connection(std::uint64_t id);
  // The Lua handle was collected, or the connection ended and said so.
  void forget(std::uint64_t id) noexcept;

  // The one place that hands work to the scheduler: `event` waits in
  // events_ and a posted job delivers it in queue order.
  void post_event(WsEvent event) noexcept;

 private:
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len);
  static const lws_protocols* protocols();
  // The posted job: pushes the dispatch function, the event name and its
  // text; -1 when there is nothing to run.
  int deliver(lua_State* L, std::uint64_t seq);
  void shutdown() noexcept;
  void context_closing() noexcept override;

  runtime::Runtime& runtime_;
  std::shared_ptr<LwsLink> link_;
  lws_vhost* vhost_ = nullptr;
  std::unordered_map<std::uint64_t, std::unique_ptr<WsConnection>> connections_;
  net::PostedEvents<WsEvent> events_;
  std::uint64_t next_connection_ = 1;
  std::string scratch_;
  bool closed_ = false;
};

}  // namespace plua::stdlib::web
