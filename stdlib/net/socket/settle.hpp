#pragma once
// Ends an operation from code that must not throw (libuv callbacks,
// destructors): builds the outcome, which allocates, and hands both to the
// service; if memory runs out the operation is discarded instead.

#include <new>
#include <utility>

#include "net/socket/socket_operation.hpp"
#include "net/socket/socket_service.hpp"

namespace plua::stdlib::net {

template <typename MakeOutcome>
void settle(SocketService& service, Operation op, MakeOutcome make) noexcept {
  try {
    Outcome outcome = make();
    service.finish(std::move(op), std::move(outcome));
  } catch (const std::bad_alloc&) {
    service.discard(std::move(op));
  }
}

}  // namespace plua::stdlib::net
