#pragma once
// unique_ptr owners for libcurl's C handles: one deleter per handle type,
// each calling through the loaded library (curl_api.hpp), which must
// outlive the handles.

#include <curl/curl.h>

#include <memory>

#include "net/http/curl_api.hpp"

namespace plua::stdlib::net {

struct MultiDeleter {
  const CurlApi* curl = nullptr;
  void operator()(CURLM* multi) const noexcept { curl->multi_cleanup(multi); }
};
struct EasyDeleter {
  const CurlApi* curl = nullptr;
  void operator()(CURL* easy) const noexcept { curl->easy_cleanup(easy); }
};
struct SlistDeleter {
  const CurlApi* curl = nullptr;
  void operator()(curl_slist* list) const noexcept { curl->slist_free_all(list); }
};

using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace plua::stdlib::net
