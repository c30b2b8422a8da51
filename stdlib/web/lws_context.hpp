#pragma once
// The Runtime's one libwebsockets context (runtime.service<LwsContext>()),
// shared by the server's /api/events stream (a vhost of adopted sockets,
// event_stream.hpp) and the WebSocket clients (a client vhost,
// ws_client.hpp): one library, one context, joined to the Runtime's uv
// loop as a foreign loop (LWS_SERVER_OPTION_LIBUV + foreign_loops). Each
// user adds its own vhost with lws_create_vhost
// (LWS_SERVER_OPTION_EXPLICIT_VHOSTS).
//
// lws calls its users back with nothing but a connection: the context's
// user pointer is an LwsLink, through which each callback finds its user.
// Services are destroyed in no set order, so the link is shared: a user
// that goes first nulls its slot, and the context nulls them all before it
// is destroyed (lws calls back during its asynchronous teardown).

#include <libwebsockets.h>

#include <memory>
#include <string>

#include "runtime.hpp"

namespace plua::stdlib::web {

// What the context tells its users.
class LwsUser {
 public:
  // The context is about to be destroyed: every lws connection is about
  // to go; forget them without calling lws.
  virtual void context_closing() noexcept = 0;

 protected:
  LwsUser() = default;
  LwsUser(const LwsUser&) = default;
  LwsUser& operator=(const LwsUser&) = default;
  ~LwsUser() = default;
};

struct LwsLink {
  LwsUser* server = nullptr;   // the WebService's EventStream
  LwsUser* clients = nullptr;  // the WsClientService
  lws_context* alive = nullptr;  // lws writes nullptr here once the context is wholly destroyed
};

class LwsContext final : public runtime::Service {
 public:
  explicit LwsContext(runtime::Runtime& runtime);
  LwsContext(const LwsContext&) = delete;
  LwsContext& operator=(const LwsContext&) = delete;
  ~LwsContext() override;

  // The context, created (and libwebsockets loaded) on the first call;
  // nullptr with `why` when it cannot be. May throw std::bad_alloc.
  lws_context* open(std::string& why);
  const std::shared_ptr<LwsLink>& link() const { return link_; }

  // Inside lws's callbacks: the link of wsi's context (nullptr if none).
  static LwsLink* link_of(lws* wsi);

 private:
  void shutdown() noexcept;

  runtime::Runtime& runtime_;
  std::shared_ptr<LwsLink> link_;
  lws_context* context_ = nullptr;
};

}  // namespace plua::stdlib::web
