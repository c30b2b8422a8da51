#pragma once
// One HTTP request: its curl easy handle while it runs, then its outcome
// (status, body, headers or an error message) until the Lua callback has
// been handed over. Owned by the HttpService.

#include <curl/curl.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "lua/ref.hpp"
#include "net/http/curl_api.hpp"
#include "net/http/curl_handles.hpp"
#include "net/http/request.hpp"
#include "tasks/task.hpp"

namespace plua::stdlib::net {

class Transfer {
 public:
  // `callbacks`: a table {success, error} (either may be nil), or no ref
  // when the script passed neither. `curl` outlives the transfer.
  Transfer(const CurlApi& curl, std::uint64_t id, lua::Ref callbacks, runtime::Origin origin)
      : curl_(curl),
        id_(id),
        callbacks_(std::move(callbacks)),
        origin_(origin),
        easy_(nullptr, EasyDeleter{&curl}),
        request_headers_(nullptr, SlistDeleter{&curl}) {}
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Creates the easy handle and sets it up for `spec`. False when libcurl
  // refuses (out of memory). May throw std::bad_alloc.
  bool prepare(RequestSpec spec);
  CURL* easy() const { return easy_.get(); }
  bool running() const { return easy_ != nullptr; }

  // The transfer ended with `code` (after curl_multi_remove_handle): keeps
  // the outcome and frees the easy handle.
  void finish(CURLcode code);
  // Frees the easy handle of a transfer that will never finish.
  void abandon() noexcept;

  std::uint64_t id() const { return id_; }
  runtime::Origin origin() const { return origin_; }
  lua::Ref& callbacks() { return callbacks_; }
  bool succeeded() const { return succeeded_; }
  long status() const { return status_; }
  const std::string& body() const { return body_; }
  // Lower-cased names; a repeated header's values joined with ", ".
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  const std::string& error_message() const { return error_; }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept;
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self) noexcept;
  void add_header_line(const char* line, std::size_t len);

  template <typename T>
  bool set(CURLoption option, T value) {
    return curl_.easy_setopt(easy_.get(), option, value) == CURLE_OK;
  }

  const CurlApi& curl_;
  std::uint64_t id_;
  lua::Ref callbacks_;
  runtime::Origin origin_;
  RequestSpec spec_;  // libcurl points into its url and body while running
  EasyPtr easy_;
  SlistPtr request_headers_;
  bool succeeded_ = false;
  long status_ = 0;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string error_;
};

}  // namespace plua::stdlib::net
