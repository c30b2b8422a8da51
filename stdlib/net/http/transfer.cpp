#include "net/http/transfer.hpp"

#include <algorithm>
#include <new>

#include "net/http/messages.hpp"

namespace plua::stdlib::net {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(const char* begin, const char* end) {
  while (begin < end && is_space(*begin)) ++begin;
  while (end > begin && is_space(end[-1])) --end;
  return std::string(begin, end);
}

}  // namespace

bool Transfer::prepare(RequestSpec spec) {
  spec_ = std::move(spec);
  easy_.reset(curl_.easy_init());
  if (!easy_) return false;
  // "Expect:" stops libcurl from waiting for a 100-continue before large bodies.
  request_headers_.reset(curl_.slist_append(nullptr, "Expect:"));
  if (!request_headers_) return false;
  for (const std::string& line : spec_.headers) {
    if (curl_.slist_append(request_headers_.get(), line.c_str()) == nullptr) return false;
  }

  bool ok = set(CURLOPT_URL, spec_.url.c_str()) && set(CURLOPT_PRIVATE, static_cast<void*>(this)) &&
            set(CURLOPT_NOSIGNAL, 1L) && set(CURLOPT_PROTOCOLS_STR, "http,https") &&
            set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https") && set(CURLOPT_FOLLOWLOCATION, 1L) &&
            set(CURLOPT_MAXREDIRS, kMaxRedirects) && set(CURLOPT_TIMEOUT_MS, spec_.timeout_ms) &&
            set(CURLOPT_USERAGENT, "plua/" PLUA_VERSION) &&
            set(CURLOPT_HTTPHEADER, request_headers_.get()) &&
            set(CURLOPT_WRITEFUNCTION, &Transfer::on_body) && set(CURLOPT_WRITEDATA, this) &&
            set(CURLOPT_HEADERFUNCTION, &Transfer::on_header) && set(CURLOPT_HEADERDATA, this);
  if (!spec_.check_certificate) {
    ok = ok && set(CURLOPT_SSL_VERIFYPEER, 0L) && set(CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (spec_.method == "HEAD") {
    ok = ok && set(CURLOPT_NOBODY, 1L);
  } else if (spec_.method == "POST") {
    // POST always sends a body (empty without data); 301/302/303 turn it into a GET.
    ok = ok && set(CURLOPT_POST, 1L);
  } else if (spec_.method != "GET" || spec_.has_body) {
    ok = ok && set(CURLOPT_CUSTOMREQUEST, spec_.method.c_str());
  }
  if (spec_.method != "HEAD" && (spec_.has_body || spec_.method == "POST")) {
    ok = ok && set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(spec_.body.size())) &&
         set(CURLOPT_POSTFIELDS, spec_.body.data());
  }
  return ok;
}

void Transfer::finish(CURLcode code) {
  if (code == CURLE_OK) {
    long status = 0;
    curl_.easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
    status_ = status;
    succeeded_ = true;
  } else {
    error_ = transfer_error(curl_, code, spec_.url, spec_.timeout_ms);
    body_.clear();
    headers_.clear();
  }
  abandon();
}

void Transfer::abandon() noexcept {
  easy_.reset();
  request_headers_.reset();
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept {
  const std::size_t len = size * count;
  try {
    static_cast<Transfer*>(self)->body_.append(data, len);
  } catch (const std::bad_alloc&) {
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  return len;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) noexcept {
  const std::size_t len = size * count;
  try {
    static_cast<Transfer*>(self)->add_header_line(data, len);
  } catch (const std::bad_alloc&) {
    return 0;
  }
  return len;
}

// One header line as received, with its CRLF. A status line starts the
// headers of a new response (after a redirect or a 100 Continue).
void Transfer::add_header_line(const char* line, std::size_t len) {
  const char* end = line + len;
  if (len >= 5 && std::equal(line, line + 5, "HTTP/")) {
    headers_.clear();
    body_.clear();
    return;
  }
  if (len > 0 && (line[0] == ' ' || line[0] == '\t')) {  // obsolete line folding
    if (!headers_.empty()) headers_.back().second.append(" ").append(trimmed(line, end));
    return;
  }
  const char* colon = std::find(line, end, ':');
  if (colon == end) return;  // the empty line that ends the headers
  std::string name = trimmed(line, colon);
  std::transform(name.begin(), name.end(), name.begin(), lower);
  std::string value = trimmed(colon + 1, end);
  for (auto& [seen, values] : headers_) {
    if (seen == name) {
      values.append(", ").append(value);
      return;
    }
  }
  headers_.emplace_back(std::move(name), std::move(value));
}

}  // namespace plua::stdlib::net
