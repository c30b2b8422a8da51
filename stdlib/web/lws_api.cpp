#include "web/lws_api.hpp"

namespace plua::stdlib::web {

namespace {

constexpr const char* kLibrary = "libwebsockets.so.17";  // Debian's libwebsockets17

struct Loaded {
  runtime::DynamicLibrary library;
  LwsApi api;
  bool ok = false;
  std::string error;
};

void bind_all(Loaded& l) {
  runtime::DynamicLibrary& lib = l.library;
  LwsApi& a = l.api;
  l.ok = lib.bind("lws_set_log_level", a.set_log_level) && lib.bind("lws_create_context", a.create_context) &&
         lib.bind("lws_context_destroy", a.context_destroy) && lib.bind("lws_context_user", a.context_user) &&
         lib.bind("lws_get_context", a.get_context) &&
         lib.bind("lws_callback_http_dummy", a.callback_http_dummy) &&
         lib.bind("lws_callback_on_writable", a.callback_on_writable) && lib.bind("lws_hdr_copy", a.hdr_copy) &&
         lib.bind("lws_adopt_socket_vhost_readbuf", a.adopt_socket_vhost_readbuf) &&
         lib.bind("lws_write", a.write) &&
         lib.bind("lws_create_vhost", a.create_vhost) &&
         lib.bind("lws_client_connect_via_info", a.client_connect_via_info) &&
         lib.bind("lws_get_opaque_user_data", a.get_opaque_user_data) &&
         lib.bind("lws_add_http_header_by_name", a.add_http_header_by_name) &&
         lib.bind("lws_is_final_fragment", a.is_final_fragment) && lib.bind("lws_frame_is_binary", a.frame_is_binary) &&
         lib.bind("lws_remaining_packet_payload", a.remaining_packet_payload) &&
         lib.bind("lws_close_reason", a.close_reason) && lib.bind("lws_set_timeout", a.set_timeout) &&
         lib.bind("lws_get_socket_fd", a.get_socket_fd);
  // Optional; OpenSSL's are found through lws's own dependencies.
  if (l.ok) {
    if (!lib.bind("lws_get_ssl", a.get_ssl)) a.get_ssl = nullptr;
    if (!lib.bind("SSL_get_verify_result", a.ssl_verify_result)) a.ssl_verify_result = nullptr;
    if (!lib.bind("X509_verify_cert_error_string", a.x509_error_text)) a.x509_error_text = nullptr;
  }
  if (!l.ok) l.error = "cannot load " + lib.name() + " (" + runtime::DynamicLibrary::missing() + ")";
}

}  // namespace

Loaded& loaded_library() {
  static Loaded loaded = [] {
    Loaded l;
    if (l.library.open_dependency(kLibrary, "PLUA_LIBWEBSOCKETS", l.error)) bind_all(l);
    return l;
  }();
  return loaded;
}

bool attempted = false;

const LwsApi* loaded_lws() { return attempted && loaded_library().ok ? &loaded_library().api : nullptr; }

const LwsApi* load_lws(std::string& error) {
  attempted = true;
  Loaded& loaded = loaded_library();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace plua::stdlib::web
