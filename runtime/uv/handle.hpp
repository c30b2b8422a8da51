#pragma once
// RAII owner of one uv handle. The handle lives on the heap and is freed in
// its close callback, never earlier; the owner only requests the close.

#include <uv.h>

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

  // Call after a successful uv_*_init so that the destructor closes it.
  void mark_initialised() { initialised_ = true; }

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
