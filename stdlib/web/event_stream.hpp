#pragma once
// The /api/events WebSocket stream, on libwebsockets: the server's own
// HTTP code (web_connection.hpp) reads the upgrade request, then hands the
// socket and those bytes to lws (lws_adopt_socket_vhost_readbuf), which
// does the handshake and the framing. lws is loaded, and its vhost made,
// when the first client comes, so a run that never opens the stream never
// maps the library.
//
// Every controller event goes to every client as a JSON text frame
// (broadcast). A client that falls kMaxQueued frames behind is
// disconnected. Clients are not user work, so they do not keep the run
// alive; their queued frames are (one unit per client while any is queued),
// so that the last events are sent before the run ends.

#include <libwebsockets.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime.hpp"
#include "web/lws_context.hpp"

namespace plua::stdlib::web {

inline constexpr std::size_t kMaxQueued = 1024;
// What lws takes of the upgrade request with the socket (its header buffer).
inline constexpr std::size_t kMaxUpgradeRequest = 2048;

class EventStream final : private LwsUser {
 public:
  explicit EventStream(runtime::Runtime& runtime) : runtime_(runtime) {}
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;
  ~EventStream() { shutdown(); }

  // Hands the connected socket `fd` (the server's own copy: lws closes it)
  // and the request read from it so far to lws. False with `why` when
  // libwebsockets cannot be loaded; then `fd` is still the caller's.
  bool adopt(int fd, std::string_view request, std::string& why);

  // Queues `text` for every client. May throw std::bad_alloc.
  void broadcast(std::string_view text);
  std::size_t clients() const { return clients_.size(); }
  void shutdown() noexcept;

 private:
  struct Client {
    lws* wsi = nullptr;
    std::deque<std::string> queue;  // each frame with LWS_PRE bytes in front
    bool too_slow = false;
  };
  // What lws keeps per connection (zeroed by lws).
  struct Session {
    std::uint64_t id;
  };
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len);
  static const lws_protocols* protocols();
  bool open(std::string& why);
  int on_open(lws* wsi, Session& session);
  int on_writable(Session& session);
  void drop_queue(Client& client);
  void drop_client(std::uint64_t id);
  void context_closing() noexcept override { forget_all(); }
  void forget_all() noexcept;

  runtime::Runtime& runtime_;
  std::shared_ptr<LwsLink> link_;  // set by open()
  lws_vhost* vhost_ = nullptr;
  std::unordered_map<std::uint64_t, Client> clients_;
  std::uint64_t next_id_ = 1;
};

}  // namespace plua::stdlib::web
