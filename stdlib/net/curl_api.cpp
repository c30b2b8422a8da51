#include "net/curl_api.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace plua::stdlib::net {

namespace {

constexpr const char* kLibrary = "libcurl.so.4";  // Debian's libcurl4 (OpenSSL flavour)

// The library to load: PLUA_LIBCURL overrides the name (tests use it to
// check the message when libcurl is missing).
const char* library_name() {
  const char* name = std::getenv("PLUA_LIBCURL");
  return name != nullptr && *name != '\0' ? name : kLibrary;
}

template <typename T>
bool bind(void* library, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(library, name));
  return out != nullptr;
}

}  // namespace

std::unique_ptr<CurlApi> CurlApi::load(std::string& error) {
  const char* name = library_name();
  // RTLD_NODELETE: libcurl and the TLS library keep process-wide state
  // (and may have registered atexit handlers), so they are never unmapped.
  void* library = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (library == nullptr) {
    const char* why = dlerror();
    error = std::string("cannot load ") + name + " (" + (why != nullptr ? why : "unknown error") + ")";
    return nullptr;
  }
  auto api = std::make_unique<CurlApi>();
  api->library_ = library;
  dlerror();  // clear: the first failing dlsym sets the message reported below
  const bool ok = bind(library, "curl_global_init", api->global_init) &&
                  bind(library, "curl_global_cleanup", api->global_cleanup) &&
                  bind(library, "curl_easy_init", api->easy_init) &&
                  bind(library, "curl_easy_cleanup", api->easy_cleanup) &&
                  bind(library, "curl_easy_setopt", api->easy_setopt) &&
                  bind(library, "curl_easy_getinfo", api->easy_getinfo) &&
                  bind(library, "curl_easy_strerror", api->easy_strerror) &&
                  bind(library, "curl_multi_init", api->multi_init) &&
                  bind(library, "curl_multi_cleanup", api->multi_cleanup) &&
                  bind(library, "curl_multi_setopt", api->multi_setopt) &&
                  bind(library, "curl_multi_add_handle", api->multi_add_handle) &&
                  bind(library, "curl_multi_remove_handle", api->multi_remove_handle) &&
                  bind(library, "curl_multi_socket_action", api->multi_socket_action) &&
                  bind(library, "curl_multi_info_read", api->multi_info_read) &&
                  bind(library, "curl_slist_append", api->slist_append) &&
                  bind(library, "curl_slist_free_all", api->slist_free_all);
  if (!ok) {
    const char* why = dlerror();
    error = std::string("cannot load ") + name + " (" + (why != nullptr ? why : "a libcurl function is missing") + ")";
    return nullptr;  // the destructor closes the library
  }
  // Reference-counted since libcurl 7.84, and thread-safe: each runtime
  // pairs its own init with the cleanup in the destructor.
  if (api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    error = std::string("cannot initialise ") + name + " (curl_global_init failed)";
    return nullptr;
  }
  api->initialised_ = true;
  return api;
}

CurlApi::~CurlApi() {
  if (initialised_) global_cleanup();
  if (library_ != nullptr) dlclose(library_);
}

}  // namespace plua::stdlib::net
