#include "web/lws_context.hpp"

#include "web/lws_api.hpp"

#include <utility>

namespace plua::stdlib::web {

namespace {

constexpr int kTeardownPasses = 1000;

std::size_t closing_handles(uv_loop_t* loop) {
  std::size_t count = 0;
  uv_walk(
      loop, [](uv_handle_t* h, void* n) { *static_cast<std::size_t*>(n) += uv_is_closing(h) != 0 ? 1 : 0; }, &count);
  return count;
}

}  // namespace

LwsContext::LwsContext(runtime::Runtime& runtime) : runtime_(runtime), link_(std::make_shared<LwsLink>()) {
  // The exit hooks run while the loop and the lua_State are still whole.
  runtime_.add_exit_hook([this] { shutdown(); });
}

LwsContext::~LwsContext() { shutdown(); }

lws_context* LwsContext::open(std::string& why) {
  if (context_ != nullptr) return context_;
  const LwsApi* api = load_lws(why);
  if (api == nullptr) return nullptr;
  // Our own messages say what went wrong; lws's log lines would only
  // repeat it on stderr.
  api->set_log_level(0, nullptr);
  void* loops[] = {runtime_.loop()};
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_UV_NO_SIGSEGV_SIGFPE_SPIN |
                 LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.foreign_loops = loops;
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.user = link_.get();
  info.pcontext = &link_->alive;
  context_ = api->create_context(&info);
  link_->alive = context_;
  if (context_ == nullptr) why = "libwebsockets cannot run on plua's loop (is libwebsockets-evlib-uv installed?)";
  return context_;
}

LwsLink* LwsContext::link_of(lws* wsi) {
  const LwsApi* api = loaded_lws();
  return api == nullptr ? nullptr : static_cast<LwsLink*>(api->context_user(api->get_context(wsi)));
}

void LwsContext::shutdown() noexcept {
  if (context_ == nullptr) return;
  const LwsApi& api = *loaded_lws();
  LwsLink& link = *link_;
  for (LwsUser* user : {link.server, link.clients}) {
    if (user != nullptr) user->context_closing();
  }
  link.server = link.clients = nullptr;
  // On a foreign loop lws 4.1 destroys a context in two calls: the first
  // closes its handles, the second (once their close callbacks ran) frees
  // the rest. Between them the loop runs without blocking (no Lua runs in
  // a libuv callback), so that the Loop's destructor finds no lws handle.
  uv_loop_t* loop = runtime_.loop();
  api.context_destroy(std::exchange(context_, nullptr));
  for (int pass = 0; pass < kTeardownPasses && closing_handles(loop) > 0; ++pass) uv_run(loop, UV_RUN_NOWAIT);
  if (link.alive != nullptr) api.context_destroy(link.alive);
  for (int pass = 0; pass < kTeardownPasses && link.alive != nullptr; ++pass) uv_run(loop, UV_RUN_NOWAIT);
  // Else lws finishes later, when the Loop's destructor runs it: its last
  // callbacks still read the link, which is then left to the process's end.
  if (link.alive != nullptr) new std::shared_ptr<LwsLink>(link_);  // NOLINT: deliberately never freed
}

}  // namespace plua::stdlib::web
