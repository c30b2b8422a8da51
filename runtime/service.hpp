#pragma once
// A long-lived part a bundled module attaches to the Runtime (the HTTP
// client's curl multi handle, the socket table, ...), so that no module
// keeps global state. Created on first use by Runtime::service<T>().

namespace plua::runtime {

class Service {
 public:
  virtual ~Service() = default;
};

}  // namespace plua::runtime
