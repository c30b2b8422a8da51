#include "net/http/http_service.hpp"

#include <new>
#include <stdexcept>

#include "net/http/response.hpp"

namespace plua::stdlib::net {

namespace {

constexpr const char* kSuccessWhat = "net.HTTPClient success callback";
constexpr const char* kErrorWhat = "net.HTTPClient error callback";

}  // namespace

HttpService::HttpService(runtime::Runtime& runtime) : runtime_(runtime) {
  curl_ = CurlApi::load(unavailable_);
  if (!curl_) {
    closed_ = true;  // nothing to shut down
    return;
  }
  multi_ = MultiPtr(curl_->multi_init(), MultiDeleter{curl_.get()});
  if (!multi_) throw std::bad_alloc();
  curl_->multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &HttpService::on_socket);
  curl_->multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
  curl_->multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &HttpService::on_timer);
  curl_->multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
  timer_.init_or_throw("the HTTP timer", uv_timer_init, runtime.loop());
  timer_.get()->data = this;
  runtime.add_exit_hook([this] { shutdown(); });
}

HttpService::~HttpService() {
  // shutdown() normally ran as an exit hook. If not, the lua_State is
  // already closed: forget the callbacks' refs instead of releasing them.
  for (auto& [id, transfer] : transfers_) transfer->callbacks().abandon();
  cancel_running();
  transfers_.clear();
  close_curl();
}

const char* HttpService::refusal() const {
  if (!curl_) return unavailable_.c_str();
  if (closed_) return "cannot start a request while the process is exiting";
  return nullptr;
}

bool HttpService::start(RequestSpec spec, lua::Ref callbacks, runtime::Origin origin) {
  auto transfer = std::make_unique<Transfer>(*curl_, next_id_++, std::move(callbacks), origin);
  if (!transfer->prepare(std::move(spec))) return false;
  const auto [it, inserted] = transfers_.emplace(transfer->id(), std::move(transfer));
  if (curl_->multi_add_handle(multi_.get(), it->second->easy()) != CURLM_OK) {
    transfers_.erase(it);
    return false;
  }
  ++running_;
  runtime_.add_request();
  return true;
}

// ---- libcurl -> libuv ------------------------------------------------------

int HttpService::on_socket(CURL*, curl_socket_t socket, int what, void* self, void*) noexcept {
  try {
    return static_cast<HttpService*>(self)->watch(socket, what);
  } catch (const std::bad_alloc&) {
    return -1;  // libcurl fails the transfers on this socket
  }
}

int HttpService::watch(curl_socket_t socket, int what) {
  if (what == CURL_POLL_REMOVE) {
    watches_.erase(socket);  // stops polling now; freed in the close callback
    return 0;
  }
  auto [it, fresh] = watches_.try_emplace(socket);
  uv::Handle<uv_poll_t>& poll = it->second;
  if (fresh) {
    if (poll.init(uv_poll_init_socket, runtime_.loop(), socket) != 0) {
      watches_.erase(it);
      return -1;
    }
    poll.get()->data = this;
  }
  int events = 0;
  if ((what & CURL_POLL_IN) != 0) events |= UV_READABLE;
  if ((what & CURL_POLL_OUT) != 0) events |= UV_WRITABLE;
  return uv_poll_start(poll.get(), events, &HttpService::on_poll) == 0 ? 0 : -1;
}

// libcurl must not be re-entered from here: the uv timer calls it later
// (a zero timeout means on the next loop iteration).
int HttpService::on_timer(CURLM*, long timeout_ms, void* self) noexcept {
  uv_timer_t* timer = static_cast<HttpService*>(self)->timer_.get();
  if (timeout_ms < 0) {
    uv_timer_stop(timer);
  } else {
    uv_timer_start(timer, &HttpService::on_timeout, static_cast<std::uint64_t>(timeout_ms), 0);
  }
  return 0;
}

// ---- libuv -> libcurl ------------------------------------------------------

void HttpService::on_poll(uv_poll_t* poll, int status, int events) {
  int flags = 0;
  if (status < 0) {
    flags = CURL_CSELECT_ERR;
  } else {
    if ((events & UV_READABLE) != 0) flags |= CURL_CSELECT_IN;
    if ((events & UV_WRITABLE) != 0) flags |= CURL_CSELECT_OUT;
  }
  uv_os_fd_t fd = -1;
  uv_fileno(reinterpret_cast<uv_handle_t*>(poll), &fd);
  static_cast<HttpService*>(poll->data)->drive(fd, flags);
}

void HttpService::on_timeout(uv_timer_t* timer) {
  static_cast<HttpService*>(timer->data)->drive(CURL_SOCKET_TIMEOUT, 0);
}

// May close the poll handle that called it (CURL_POLL_REMOVE): nothing
// touches the handle afterwards.
void HttpService::drive(curl_socket_t socket, int flags) {
  int still_running = 0;
  curl_->multi_socket_action(multi_.get(), socket, flags, &still_running);
  collect_done();
}

void HttpService::collect_done() {
  int left = 0;
  while (CURLMsg* message = curl_->multi_info_read(multi_.get(), &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    void* owner = nullptr;
    curl_->easy_getinfo(easy, CURLINFO_PRIVATE, &owner);
    curl_->multi_remove_handle(multi_.get(), easy);  // `message` is invalid from here
    complete(*static_cast<Transfer*>(owner), code);
  }
}

void HttpService::complete(Transfer& transfer, CURLcode code) {
  --running_;
  runtime_.remove_request();
  const std::uint64_t id = transfer.id();
  try {
    transfer.finish(code);
    if (transfer.callbacks()) {
      const runtime::TaskLabel label{runtime::TaskLabel::Kind::Callback, 0, transfer.origin(),
                                     transfer.succeeded() ? kSuccessWhat : kErrorWhat};
      const auto run = [](lua_State* L, void* self, std::uint64_t transfer_id) {
        return static_cast<HttpService*>(self)->deliver(L, transfer_id);
      };
      runtime_.scheduler().post(runtime::Job{run, this, id, label});
      return;
    }
  } catch (const std::bad_alloc&) {
    // The callback cannot be queued: drop the request (its refs are
    // released on the main thread, which is not running Lua now).
    transfer.abandon();
  }
  transfers_.erase(id);
}

// ---- the job ---------------------------------------------------------------

// Protected code on the main thread. The transfer stays registered until its
// values are on the stack, so a memory error leaves nothing unowned.
int HttpService::deliver(lua_State* L, std::uint64_t id) {
  const auto it = transfers_.find(id);
  if (it == transfers_.end()) return -1;
  Transfer& transfer = *it->second;
  int nargs = -1;
  transfer.callbacks().push(L);
  lua_rawgeti(L, -1, transfer.succeeded() ? 1 : 2);
  lua_remove(L, -2);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
  } else {
    push_outcome(L, transfer);
    nargs = 1;
  }
  transfers_.erase(it);
  return nargs;
}

// ---- the end -----------------------------------------------------------------

void HttpService::shutdown() {
  if (closed_) return;
  for (std::size_t i = running_; i > 0; --i) runtime_.remove_request();
  cancel_running();
  transfers_.clear();  // releases the callbacks: the lua_State is still open
  close_curl();
}

void HttpService::cancel_running() noexcept {
  for (auto& [id, transfer] : transfers_) {
    if (!transfer->running()) continue;
    curl_->multi_remove_handle(multi_.get(), transfer->easy());
    transfer->abandon();
  }
  running_ = 0;
}

// The socket and timer callbacks go first so that libcurl closing its
// cached connections calls nothing; the polls stop before it closes the
// sockets they watch.
void HttpService::close_curl() noexcept {
  if (closed_) return;
  closed_ = true;
  curl_->multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, nullptr);
  curl_->multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, nullptr);
  watches_.clear();
  timer_.close();
  multi_.reset();
}

}  // namespace plua::stdlib::net
