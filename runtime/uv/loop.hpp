#pragma once
// Owner of a private uv loop (never uv_default_loop(), so a script that loads
// lua-luv cannot run plua's loop re-entrantly).

#include <uv.h>

namespace plua::uv {

class Loop {
 public:
  Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  // Closes every handle still open, lets their close callbacks run, then
  // closes the loop.
  ~Loop();

  uv_loop_t* get() { return &loop_; }

 private:
  uv_loop_t loop_{};
};

}  // namespace plua::uv
