#pragma once
// libcurl, loaded when a script first makes an HTTP request rather than at
// every start-up: linking it would pull some thirty shared libraries (TLS,
// Kerberos, LDAP, ...) into each `plua script.lua`, most of the start-up
// time. Owned by the HttpService; <curl/curl.h> gives the types, so each
// pointer has exactly the type of the function it stands for.

#include <curl/curl.h>

#include <memory>
#include <string>

#include "sys/dynamic_library.hpp"

namespace plua::stdlib::net {

struct CurlApi {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_global_cleanup) global_cleanup = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;  // variadic
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;  // variadic
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_multi_setopt) multi_setopt = nullptr;  // variadic
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_socket_action) multi_socket_action = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;

  // Loads the library ($PLUA_LIBCURL if set, else libcurl.so.4) and runs
  // curl_global_init. On failure: nullptr, and `error` says why, as
  // "cannot load libcurl.so.4 (<dlerror text>)".
  static std::unique_ptr<CurlApi> load(std::string& error);

  CurlApi() = default;
  CurlApi(const CurlApi&) = delete;
  CurlApi& operator=(const CurlApi&) = delete;
  ~CurlApi();  // curl_global_cleanup; the library stays mapped

 private:
  runtime::DynamicLibrary library_;  // closed after ~CurlApi ran curl_global_cleanup
  bool initialised_ = false;
};

}  // namespace plua::stdlib::net
