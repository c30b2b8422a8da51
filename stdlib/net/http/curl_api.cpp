#include "net/http/curl_api.hpp"

namespace plua::stdlib::net {

namespace {

constexpr const char* kLibrary = "libcurl.so.4";  // Debian's libcurl4 (OpenSSL flavour)

}  // namespace

std::unique_ptr<CurlApi> CurlApi::load(std::string& error) {
  auto api = std::make_unique<CurlApi>();
  runtime::DynamicLibrary& library = api->library_;
  // PLUA_LIBCURL overrides the name (a test checks the message when the
  // library is missing).
  if (!library.open_dependency(kLibrary, "PLUA_LIBCURL", error)) return nullptr;
  const bool ok = library.bind("curl_global_init", api->global_init) &&
                  library.bind("curl_global_cleanup", api->global_cleanup) &&
                  library.bind("curl_easy_init", api->easy_init) &&
                  library.bind("curl_easy_cleanup", api->easy_cleanup) &&
                  library.bind("curl_easy_setopt", api->easy_setopt) &&
                  library.bind("curl_easy_getinfo", api->easy_getinfo) &&
                  library.bind("curl_easy_strerror", api->easy_strerror) &&
                  library.bind("curl_multi_init", api->multi_init) &&
                  library.bind("curl_multi_cleanup", api->multi_cleanup) &&
                  library.bind("curl_multi_setopt", api->multi_setopt) &&
                  library.bind("curl_multi_add_handle", api->multi_add_handle) &&
                  library.bind("curl_multi_remove_handle", api->multi_remove_handle) &&
                  library.bind("curl_multi_socket_action", api->multi_socket_action) &&
                  library.bind("curl_multi_info_read", api->multi_info_read) &&
                  library.bind("curl_slist_append", api->slist_append) &&
                  library.bind("curl_slist_free_all", api->slist_free_all);
  if (!ok) {
    error = "cannot load " + library.name() + " (" + runtime::DynamicLibrary::missing() + ")";
    return nullptr;  // the destructor closes the library
  }
  // Reference-counted since libcurl 7.84, and thread-safe: each runtime
  // pairs its own init with the cleanup in the destructor.
  if (api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    error = "cannot initialise " + library.name() + " (curl_global_init failed)";
    return nullptr;
  }
  api->initialised_ = true;
  return api;
}

CurlApi::~CurlApi() {
  if (initialised_) global_cleanup();
}

}  // namespace plua::stdlib::net
