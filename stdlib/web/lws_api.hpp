#pragma once
// libwebsockets, for the WebSocket client (net.WebSocket) and the server's
// /api/events stream, loaded when either is first used rather than at
// every start-up: linking it would
// map libssl, libcrypto, libcap and libz into each `plua script.lua`
// (some 5 ms). <libwebsockets.h> gives the
// types, so each pointer has exactly the type of the function it stands
// for. The library is process-wide state (RTLD_NODELETE keeps it mapped),
// and so is this table: lws calls its users' callbacks with nothing but a
// connection, and the callback needs the table to find its way back. (The
// web server's HTTP is plua's own: web_service.hpp.)

#include <libwebsockets.h>

#include <string>

#include "sys/dynamic_library.hpp"

namespace plua::stdlib::web {

struct LwsApi {
  decltype(&::lws_set_log_level) set_log_level = nullptr;
  decltype(&::lws_create_context) create_context = nullptr;
  decltype(&::lws_context_destroy) context_destroy = nullptr;
  decltype(&::lws_context_user) context_user = nullptr;
  decltype(&::lws_get_context) get_context = nullptr;
  decltype(&::lws_callback_http_dummy) callback_http_dummy = nullptr;
  decltype(&::lws_callback_on_writable) callback_on_writable = nullptr;
  decltype(&::lws_hdr_copy) hdr_copy = nullptr;
  decltype(&::lws_adopt_socket_vhost_readbuf) adopt_socket_vhost_readbuf = nullptr;
  decltype(&::lws_write) write = nullptr;
  // One context, a vhost per use (lws_context.hpp).
  decltype(&::lws_create_vhost) create_vhost = nullptr;
  // The WebSocket client (ws_client.hpp).
  decltype(&::lws_client_connect_via_info) client_connect_via_info = nullptr;
  decltype(&::lws_get_opaque_user_data) get_opaque_user_data = nullptr;
  decltype(&::lws_add_http_header_by_name) add_http_header_by_name = nullptr;
  decltype(&::lws_is_final_fragment) is_final_fragment = nullptr;
  decltype(&::lws_frame_is_binary) frame_is_binary = nullptr;
  decltype(&::lws_remaining_packet_payload) remaining_packet_payload = nullptr;
  decltype(&::lws_close_reason) close_reason = nullptr;
  decltype(&::lws_set_timeout) set_timeout = nullptr;
  decltype(&::lws_get_socket_fd) get_socket_fd = nullptr;
  // Why a TLS handshake failed, optional (nullptr if this build lacks them):
  // the connection's SSL, OpenSSL's verify result for it (libssl, a
  // dependency of lws) and the text of that X509_V_ERR_* code (libcrypto).
  void* (*get_ssl)(lws*) = nullptr;
  long (*ssl_verify_result)(const void*) = nullptr;
  const char* (*x509_error_text)(long) = nullptr;
};

// The table, loaded on the first call ($PLUA_LIBWEBSOCKETS if set, else
// libwebsockets.so.17); nullptr with `error` = "cannot load NAME (why)"
// when it cannot be. Main thread only.
const LwsApi* load_lws(std::string& error);
// The table once load_lws succeeded, else nullptr.
const LwsApi* loaded_lws();

}  // namespace plua::stdlib::web
