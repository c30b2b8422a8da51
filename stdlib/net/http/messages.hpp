#pragma once
// The texts net.HTTPClient gives a script's error callback, built here and
// nowhere else. A transport failure (no HTTP response at all) reads
//   "<what happened> (<url>)"
// where <what happened> is libcurl's description of the error code
// (curl_easy_strerror), except for a timeout, which names the limit:
//   "Couldn't connect to server (http://127.0.0.1:1/)"
//   "Couldn't resolve host name (http://nonexistent.invalid/)"
//   "Operation timed out after 200 ms (http://127.0.0.1:8080/slow)"
// Any HTTP status, 404 and 500 included, is a response, not an error.

#include <curl/curl.h>

#include <string>

#include "net/http/curl_api.hpp"

namespace plua::stdlib::net {

std::string transfer_error(const CurlApi& curl, CURLcode code, const std::string& url, long timeout_ms);

}  // namespace plua::stdlib::net
