#include "web/http_reader.hpp"

#include <http_parser.h>

#include <strings.h>

#include <climits>

namespace plua::stdlib::web {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded into `out`; false for a bad escape or a %00.
bool percent_decode(std::string_view in, std::string& out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    const int hi = i + 1 < in.size() ? hex_digit(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? hex_digit(in[i + 2]) : -1;
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

// RFC 3986 5.2.4 on a decoded absolute path: "." and ".." segments go,
// and ".." never climbs above the root.
std::string without_dot_segments(std::string_view path) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find('/', i + 1);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(i + 1, end - i - 1);  // after the '/'
    if (segment == ".") {
      if (end == path.size()) out += '/';
    } else if (segment == "..") {
      const std::size_t cut = out.rfind('/');
      out.erase(cut == std::string::npos ? 0 : cut);
      if (end == path.size()) out += '/';
    } else {
      out += '/';
      out.append(segment);
    }
    i = end;
  }
  return out.empty() ? "/" : out;
}

}  // namespace

bool request_path(std::string_view target, std::string& out) {
  if (target.empty() || target[0] != '/') return false;
  const std::size_t q = target.find('?');
  std::string decoded;
  if (!percent_decode(target.substr(0, q), decoded)) return false;
  out = without_dot_segments(decoded);
  if (q == std::string_view::npos) return true;
  std::string_view query = target.substr(q + 1);
  const std::size_t hash = query.find('#');
  if (hash != std::string_view::npos) query = query.substr(0, hash);
  bool first = true;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view fragment = query.substr(0, amp);
    if (!fragment.empty()) {
      out += first ? '?' : '&';
      first = false;
      std::string one;
      if (!percent_decode(fragment, one)) return false;
      out += one;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return true;
}

struct HttpReader::Parser {
  http_parser p{};
};

struct HttpReader::Callbacks {
  static HttpReader& self(http_parser* p) { return *static_cast<HttpReader*>(p->data); }
  static int on_message_begin(http_parser* p);
  static int on_url(http_parser* p, const char* at, std::size_t len);
  static int on_header_field(http_parser* p, const char* at, std::size_t len);
  static int on_header_value(http_parser* p, const char* at, std::size_t len);
  static int on_headers_complete(http_parser* p);
  static int on_body(http_parser* p, const char* at, std::size_t len);
  static int on_message_complete(http_parser* p);
};

HttpReader::HttpReader() : parser_(std::make_unique<Parser>()) { reset(); }
HttpReader::~HttpReader() = default;

void HttpReader::reset() {
  http_parser_init(&parser_->p, HTTP_REQUEST);
  parser_->p.data = this;
  error_ = Error::None;
  method_ = "";
  target_.clear();
  path_.clear();
  body_.clear();
  field_.clear();
  value_.clear();
  in_value_ = false;
  head_bytes_ = 0;
  ws_key_.clear();
  ws_upgrade_ = false;
  expect_continue_ = false;
  headers_done_ = false;
  upgrade_ = false;
  keep_alive_ = false;
  http10_ = false;
  started_ = false;
  complete_ = false;
}

void HttpReader::next() { reset(); }

HttpReader::Result HttpReader::feed(const char* data, std::size_t size, std::size_t& used) {
  static const http_parser_settings callbacks = [] {
    http_parser_settings s{};
    s.on_message_begin = &Callbacks::on_message_begin;
    s.on_url = &Callbacks::on_url;
    s.on_header_field = &Callbacks::on_header_field;
    s.on_header_value = &Callbacks::on_header_value;
    s.on_headers_complete = &Callbacks::on_headers_complete;
    s.on_body = &Callbacks::on_body;
    s.on_message_complete = &Callbacks::on_message_complete;
    return s;
  }();
  const bool fresh = !started_;
  used = http_parser_execute(&parser_->p, &callbacks, data, size);
  const auto status = static_cast<http_errno>(parser_->p.http_errno);
  if (complete_) {
    upgrade_ = parser_->p.upgrade != 0;
    return Result::Request;
  }
  if (status == HPE_OK && used == size) return Result::NeedMore;
  if (error_ == Error::None) {
    switch (status) {
      case HPE_INVALID_CONTENT_LENGTH:
      case HPE_UNEXPECTED_CONTENT_LENGTH:
        error_ = Error::BadLength;
        break;
      case HPE_INVALID_METHOD:
        // A word of capitals is a method the parser does not know; anything
        // else was never HTTP.
        error_ = fresh && size > 0 && data[0] >= 'A' && data[0] <= 'Z' ? Error::MethodNotAllowed : Error::BadRequest;
        break;
      case HPE_HEADER_OVERFLOW:
        error_ = Error::HeadTooLarge;
        break;
      default:
        error_ = Error::BadRequest;
        break;
    }
  }
  return Result::Error;
}

bool HttpReader::count_head(std::size_t len) {
  head_bytes_ += len;
  if (head_bytes_ <= kMaxHead) return true;
  error_ = Error::HeadTooLarge;
  return false;
}

int HttpReader::Callbacks::on_message_begin(http_parser* p) {
  self(p).started_ = true;
  return 0;
}

int HttpReader::Callbacks::on_url(http_parser* p, const char* at, std::size_t len) {
  HttpReader& me = self(p);
  me.started_ = true;
  if (!me.count_head(len)) return -1;
  me.target_.append(at, len);
  return 0;
}

// A header's name and value may each come in several pieces.
void HttpReader::end_header() {
  if (strcasecmp(field_.c_str(), "sec-websocket-key") == 0) {
    ws_key_ = value_;
  } else if (strcasecmp(field_.c_str(), "upgrade") == 0) {
    ws_upgrade_ = strcasecmp(value_.c_str(), "websocket") == 0;
  } else if (strcasecmp(field_.c_str(), "expect") == 0) {
    expect_continue_ = strcasecmp(value_.c_str(), "100-continue") == 0;
  }
  field_.clear();
  value_.clear();
}

int HttpReader::Callbacks::on_header_field(http_parser* p, const char* at, std::size_t len) {
  HttpReader& me = self(p);
  if (!me.count_head(len)) return -1;
  if (me.in_value_) {
    me.end_header();
    me.in_value_ = false;
  }
  me.field_.append(at, len);
  return 0;
}

int HttpReader::Callbacks::on_header_value(http_parser* p, const char* at, std::size_t len) {
  HttpReader& me = self(p);
  if (!me.count_head(len)) return -1;
  me.in_value_ = true;
  me.value_.append(at, len);
  return 0;
}

int HttpReader::Callbacks::on_headers_complete(http_parser* p) {
  HttpReader& me = self(p);
  if (me.in_value_) me.end_header();
  me.in_value_ = false;
  switch (p->method) {
    case HTTP_GET:
    case HTTP_POST:
    case HTTP_PUT:
    case HTTP_DELETE:
    case HTTP_PATCH:
    case HTTP_OPTIONS:
      me.method_ = http_method_str(static_cast<http_method>(p->method));
      break;
    default:
      me.error_ = Error::MethodNotAllowed;
      return -1;
  }
  me.http10_ = p->http_major == 0 || (p->http_major == 1 && p->http_minor == 0);
  me.keep_alive_ = http_should_keep_alive(p) != 0;
  if (!request_path(me.target_, me.path_)) {
    me.error_ = Error::BadRequest;
    return -1;
  }
  if ((p->flags & F_CHUNKED) == 0 && p->content_length != ULLONG_MAX && p->content_length > kMaxBody) {
    me.error_ = Error::TooLarge;
    return -1;
  }
  me.headers_done_ = true;
  return 0;
}

int HttpReader::Callbacks::on_body(http_parser* p, const char* at, std::size_t len) {
  HttpReader& me = self(p);
  if (me.body_.size() + len > kMaxBody) {
    me.error_ = Error::TooLarge;
    return -1;
  }
  me.body_.append(at, len);
  return 0;
}

// One request at a time: the parser stops after it, and the rest waits
// until it has been answered.
int HttpReader::Callbacks::on_message_complete(http_parser* p) {
  HttpReader& me = self(p);
  me.complete_ = true;
  http_parser_pause(p, 1);
  return 0;
}

}  // namespace plua::stdlib::web
