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
  // is closed here so uv_loop_close can succeed.
  uv_walk(
      &loop_,
      [](uv_handle_t* h, void*) {
        if (!uv_is_closing(h)) uv_close(h, nullptr);
      },
      nullptr);
  while (uv_run(&loop_, UV_RUN_NOWAIT) != 0) {
  }
  uv_loop_close(&loop_);
}

}  // namespace plua::uv
