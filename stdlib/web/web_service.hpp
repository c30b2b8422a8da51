#pragma once
// The web server's per-Runtime state (runtime.service<WebService>()): a
// listening vhost on the Runtime's libwebsockets context (lws_context.hpp,
// on the Runtime's uv loop), serving HTTP/1.1.
//
// libwebsockets calls us from inside libuv ("fast" callbacks): there we only
// collect the request (method, path with its query, body up to kMaxBody).
// A complete request is posted to the scheduler as a job that calls the
// fixed Lua handler plua.web.handle(id, method, path, body); the handler
// calls respond(id, status, body), which writes the answer at once, its
// head and body in one lws_write (lws keeps and sends first what the socket
// does not take: then the connection's writable callback ends the request).
// No request runs code of its own.
//
// WebSocket: a client connected to kEventsPath gets every controller event
// (model.on_emit) as a JSON text frame, pushed by broadcast(). A client
// that falls kMaxQueued frames behind is disconnected. Clients are not user
// work, so they do not keep the run alive; their queued frames are, so that
// the last events are sent before the run ends.
//
// User work: a request counts from its job being posted until its answer is
// all handed to the socket (or its connection is gone), so an answer is
// never cut off by the end of the run. The listening socket itself is not user work: the run
// still ends when the QuickApp has nothing pending.

#include <libwebsockets.h>
#include <lua.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "runtime.hpp"
#include "web/lws_context.hpp"

namespace plua::stdlib::web {

// Bodies above this get 413 without being read.
inline constexpr std::size_t kMaxBody = 256 * 1024;
inline constexpr const char* kEventsPath = "/api/events";
inline constexpr std::size_t kMaxQueued = 1024;
inline constexpr const char* kJson = "application/json;charset=UTF-8";
inline constexpr const char* kHtml = "text/html;charset=UTF-8";
// Room in front of an answer's body for LWS_PRE and the HTTP head.
inline constexpr std::size_t kHeadRoom = LWS_PRE + 256;

class WebService final : public runtime::Service, private LwsUser {
 public:
  explicit WebService(runtime::Runtime& runtime);
  WebService(const WebService&) = delete;
  WebService& operator=(const WebService&) = delete;
  ~WebService() override;

  // Starts serving on host:port. False with `why` set ("address already in
  // use", ...) when it cannot; then nothing was started. May throw
  // std::bad_alloc.
  bool listen(const std::string& host, int port, std::string& why);
  bool listening() const { return vhost_ != nullptr; }

  // The Lua handler's answer to request `id` (ignored when its connection is
  // gone meanwhile). May throw std::bad_alloc.
  // `html`: a page (text/html) rather than JSON.
  void respond(std::uint64_t id, int status, std::string_view body, bool html = false);
  // Lua answers request `id` later (a /refreshStates long-poll waiting for
  // an event): until then it no longer keeps the run alive.
  void hold(std::uint64_t id);

  // Queues `text` for every WebSocket client. May throw std::bad_alloc.
  void broadcast(std::string_view text);
  std::size_t clients() const { return clients_.size(); }

 private:
  struct Request {
    lws* wsi = nullptr;
    std::string method, path, body;
    bool posted = false;    // its job is queued or ran: it counts as user work...
    bool held = false;      // ...unless Lua holds it for later (a long-poll): then not
    bool answered = false;  // respond() came
    int status = 0;
    const char* type = kJson;
    std::string answer;  // kHeadRoom bytes, then the body
  };
  struct Client {
    lws* wsi = nullptr;
    std::deque<std::string> queue;  // each frame with LWS_PRE bytes in front
    bool too_slow = false;
  };
  // What lws keeps per connection (zeroed by lws): the request in progress.
  struct Session {
    std::uint64_t id;
  };
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len);
  int on_http(lws* wsi, Session& session, const char* uri, std::size_t len);
  int on_body(Session& session, const char* data, std::size_t len);
  int on_body_done(Session& session);
  int on_writable(lws* wsi, Session& session);
  // After an answer went to lws: 0 while lws still holds some of it (the
  // request waits for on_writable), else the request ends: -1 when its
  // connection is not kept alive, 0 when it takes the next request.
  // `session` (inside lws's callback) is cleared when the request ends.
  int end_request(std::uint64_t id, lws* wsi, Session* session);
  void on_closed(Session& session);
  int on_ws_open(lws* wsi, Session& session);
  int on_ws_writable(Session& session);
  // A client's queued frames are user work (one unit while any is queued).
  void drop_queue(Client& client);
  void drop_client(std::uint64_t id);

  // Answers at once, without Lua (413, ...), and closes the connection.
  int answer_now(lws* wsi, Session& session, int status, std::string_view body);
  static void set_answer(Request& r, int status, std::string_view body, const char* type);
  // The head, then the body, in one lws_write. False when the connection
  // is broken.
  static bool write_answer(lws* wsi, Request& r);
  void post(std::uint64_t id, Request& request);
  int deliver(lua_State* L, std::uint64_t id);
  void forget(std::uint64_t id);
  void shutdown() noexcept;
  void context_closing() noexcept override { shutdown(); }
  static const lws_protocols* protocols();

  runtime::Runtime& runtime_;
  std::shared_ptr<LwsLink> link_;  // set by listen()
  lws_vhost* vhost_ = nullptr;
  std::unordered_map<std::uint64_t, std::unique_ptr<Request>> requests_;
  std::unordered_map<std::uint64_t, Client> clients_;
  std::uint64_t next_id_ = 1;
};

}  // namespace plua::stdlib::web
