#pragma once
// One thing a script asked a socket to do (connect, send, read, ...), from
// the call until its callback is handed to the scheduler, and how it ended.

#include <cstdint>
#include <string>
#include <utility>

#include "lua/ref.hpp"
#include "tasks/task.hpp"

namespace plua::stdlib::net {

struct Operation {
  // A table {success, error, socket}: either callback may be nil; the
  // socket object is kept alive while the operation is pending.
  lua::Ref callbacks;
  runtime::Origin origin{};
  const char* what = nullptr;  // static text for the task label
};

// What the callback receives: success() / success(data) /
// success(data, ip, port), or error(message).
struct Outcome {
  enum class Shape : std::uint8_t { Nothing, Data, Datagram };
  bool ok = false;
  Shape shape = Shape::Nothing;
  std::string text;  // the data, or the error message
  std::string ip;
  int port = 0;

  static Outcome done() { return Outcome{true, Shape::Nothing, {}, {}, 0}; }
  static Outcome data(std::string bytes) { return Outcome{true, Shape::Data, std::move(bytes), {}, 0}; }
  static Outcome datagram(std::string bytes, std::string from, int from_port) {
    return Outcome{true, Shape::Datagram, std::move(bytes), std::move(from), from_port};
  }
  static Outcome failure(std::string message) { return Outcome{false, Shape::Nothing, std::move(message), {}, 0}; }
};

}  // namespace plua::stdlib::net
