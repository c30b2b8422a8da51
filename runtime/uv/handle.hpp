#pragma once
// RAII owner of one uv handle. The handle lives on the heap and is freed in
// its close callback, never earlier; the owner only requests the close.

#include <uv.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace plua::uv {

template <typename H>
class Handle {
 public:
  Handle() : handle_(new H{}) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)), initialised_(other.initialised_) {}
  ~Handle() { close(); }

  H* get() { return handle_; }
  uv_handle_t* base() { return reinterpret_cast<uv_handle_t*>(handle_); }

  // Closes the current handle (if any) and starts over with a fresh one.
  void renew() {
    close();
    handle_ = new H{};
    initialised_ = false;
  }

  // Runs uv_*_init(loop, handle, args...) and returns its result; only a
  // handle whose init succeeded is closed through uv_close later.
  template <typename Init, typename... Args>
  int init(Init uv_init, uv_loop_t* loop, Args... args) {
    const int rc = uv_init(loop, handle_, args...);
    if (rc == 0) initialised_ = true;
    return rc;
  }
  // init() that throws std::runtime_error naming `what` on failure.
  template <typename Init, typename... Args>
  void init_or_throw(const char* what, Init uv_init, uv_loop_t* loop, Args... args) {
    if (const int rc = init(uv_init, loop, args...); rc != 0) {
      throw std::runtime_error(std::string("cannot create ") + what + ": " + uv_strerror(rc));
    }
  }

  void close() {
    if (handle_ == nullptr) return;
    if (initialised_) {
      uv_close(base(), [](uv_handle_t* h) { delete reinterpret_cast<H*>(h); });
    } else {
      delete handle_;
    }
    handle_ = nullptr;
  }

 private:
  H* handle_;
  bool initialised_ = false;
};

}  // namespace plua::uv
