#pragma once
// The HTTP client's per-Runtime state (runtime.service<HttpService>()):
// the libcurl library, loaded when the service is created (the first
// request), and its multi handle driven by the uv loop through the multi-socket API,
// with one uv_poll per socket libcurl asks to watch (CURLMOPT_SOCKETFUNCTION)
// and one uv timer for the deadline it asks for (CURLMOPT_TIMERFUNCTION).
//
// Those are "fast" callbacks: they only move libcurl along. A finished
// transfer is handed to the scheduler as a posted job, which pushes the
// script's success or error callback and its argument when its turn in the
// queue comes; no Lua runs inside a libuv or libcurl callback.
//
// User work: a transfer counts from start() until its job is posted (the
// job then counts until it has run), so the process stays alive for it.

#include <curl/curl.h>
#include <lua.hpp>
#include <uv.h>

#include <cstdint>
#include <memory>
#include <unordered_map>

#include <string>

#include "lua/ref.hpp"
#include "net/http/curl_api.hpp"
#include "net/http/curl_handles.hpp"
#include "net/http/request.hpp"
#include "net/http/transfer.hpp"
#include "runtime.hpp"
#include "uv/handle.hpp"

namespace plua::stdlib::net {

class HttpService final : public runtime::Service {
 public:
  // Loads libcurl; when that fails the service refuses every request
  // (see refusal()). Throws std::runtime_error when libuv fails.
  explicit HttpService(runtime::Runtime& runtime);
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;
  ~HttpService() override;

  // Why no request can start: libcurl could not be loaded ("cannot load
  // libcurl.so.4 (...)") or the process is exiting (the exit hooks ran).
  // nullptr when requests are accepted; else valid as long as the service.
  const char* refusal() const;

  // Starts a request; `callbacks` as for Transfer. False when libcurl
  // refuses it (out of memory). May throw std::bad_alloc.
  bool start(RequestSpec spec, lua::Ref callbacks, runtime::Origin origin);

 private:
  // libcurl -> us.
  static int on_socket(CURL* easy, curl_socket_t socket, int what, void* self, void* socket_data) noexcept;
  static int on_timer(CURLM* multi, long timeout_ms, void* self) noexcept;
  // libuv -> libcurl.
  static void on_poll(uv_poll_t* poll, int status, int events);
  static void on_timeout(uv_timer_t* timer);

  int watch(curl_socket_t socket, int what);
  void drive(curl_socket_t socket, int flags);
  void collect_done();
  void complete(Transfer& transfer, CURLcode code);
  // The posted job: pushes the callback and its argument (see Scheduler::post).
  int deliver(lua_State* L, std::uint64_t id);

  // Exit hook: cancels what is in flight and releases the callbacks while
  // the lua_State is still open.
  void shutdown();
  void cancel_running() noexcept;
  void close_curl() noexcept;

  runtime::Runtime& runtime_;
  std::string unavailable_;  // why libcurl could not be loaded
  std::unique_ptr<CurlApi> curl_;  // outlives every handle below
  MultiPtr multi_;
  uv::Handle<uv_timer_t> timer_;
  std::unordered_map<curl_socket_t, uv::Handle<uv_poll_t>> watches_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Transfer>> transfers_;
  std::uint64_t next_id_ = 1;
  std::size_t running_ = 0;
  bool closed_ = false;
};

}  // namespace plua::stdlib::net
