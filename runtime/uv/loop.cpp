#include "uv/loop.hpp"

#include <stdexcept>
#include <string>

namespace plua::uv {

Loop::Loop() {
  if (int rc = uv_loop_init(&loop_); rc != 0) {
    throw std::runtime_error(std::string("cannot create the event loop: ") + uv_strerror(rc));
  }
}

Loop::~Loop() {
  // Handles are closed by their owners; anything left (a C module's handle)
  // is closed here. Then, as luv does, the loop runs (blocking, not
  // spinning) until uv_loop_close succeeds: close callbacks and thread-pool
  // requests that cannot be cancelled (a getaddrinfo) finish first.
  const auto close_all = [](uv_handle_t* h, void*) {
    if (!uv_is_closing(h)) uv_close(h, nullptr);
  };
  uv_walk(&loop_, close_all, nullptr);
  while (uv_loop_close(&loop_) != 0) {
    uv_walk(&loop_, close_all, nullptr);
    uv_run(&loop_, UV_RUN_DEFAULT);
  }
}

}  // namespace plua::uv
