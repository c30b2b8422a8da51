#pragma once
// A shared library opened at run time, for the optional dependencies plua
// loads on first use instead of at every start (a line editor, an HTTP
// library). RTLD_NODELETE: such libraries keep process-wide state
// (globals, atexit handlers), so they stay mapped after the handle closes.

#include <dlfcn.h>

#include <cstdlib>
#include <string>
#include <utility>

namespace plua::runtime {

class DynamicLibrary {
 public:
  DynamicLibrary() = default;
  DynamicLibrary(DynamicLibrary&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  DynamicLibrary& operator=(DynamicLibrary&& other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
  }
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;
  ~DynamicLibrary() {
    if (handle_ != nullptr) dlclose(handle_);
  }

  // Opens `name`; false with `error` = the loader's message if it cannot.
  bool open(const char* name, std::string& error) {
    handle_ = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle_ == nullptr) {
      const char* why = dlerror();
      error = why != nullptr ? why : "unknown error";
      return false;
    }
    dlerror();  // clear: the first failing bind() sets what missing() says
    return true;
  }

  // An optional dependency: opens the library the environment variable
  // `override_env` names (tests point it at one that is missing), else
  // `default_name`; false with `error` = "cannot load NAME (why)".
  bool open_dependency(const char* default_name, const char* override_env, std::string& error) {
    const char* chosen = std::getenv(override_env);
    const char* name = chosen != nullptr && *chosen != '\0' ? chosen : default_name;
    name_ = name;
    if (open(name, error)) return true;
    error = "cannot load " + name_ + " (" + error + ")";
    return false;
  }
  // The name open_dependency chose, for later messages.
  const std::string& name() const { return name_; }

  // Points `out` at the symbol; false if the library lacks it.
  template <typename T>
  bool bind(const char* symbol, T& out) const {
    out = reinterpret_cast<T>(dlsym(handle_, symbol));
    return out != nullptr;
  }

  // After a failed bind(): the loader's message naming the symbol.
  static std::string missing() {
    const char* why = dlerror();
    return why != nullptr ? why : "a function is missing";
  }

 private:
  void* handle_ = nullptr;
  std::string name_;
};

}  // namespace plua::runtime
