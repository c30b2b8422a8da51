#include "net/mqtt/mosquitto_api.hpp"

namespace plua::stdlib::mqtt {

namespace {

constexpr const char* kLibrary = "libmosquitto.so.1";  // Debian's libmosquitto1 (2.0.x)

}  // namespace

std::unique_ptr<MosquittoApi> MosquittoApi::load(std::string& error) {
  auto api = std::make_unique<MosquittoApi>();
  runtime::DynamicLibrary& library = api->library_;
  // PLUA_LIBMOSQUITTO overrides the name (a test checks the message when the
  // library is missing).
  if (!library.open_dependency(kLibrary, "PLUA_LIBMOSQUITTO", error)) return nullptr;
  const bool ok = library.bind("mosquitto_lib_init", api->lib_init) &&
                  library.bind("mosquitto_lib_cleanup", api->lib_cleanup) &&
                  library.bind("mosquitto_new", api->create) && library.bind("mosquitto_destroy", api->destroy) &&
                  library.bind("mosquitto_int_option", api->int_option) &&
                  library.bind("mosquitto_username_pw_set", api->username_pw_set) &&
                  library.bind("mosquitto_will_set", api->will_set) &&
                  library.bind("mosquitto_tls_set", api->tls_set) &&
                  library.bind("mosquitto_tls_opts_set", api->tls_opts_set) &&
                  library.bind("mosquitto_tls_insecure_set", api->tls_insecure_set) &&
                  library.bind("mosquitto_connect_bind_async", api->connect_bind_async) &&
                  library.bind("mosquitto_disconnect", api->disconnect) &&
                  library.bind("mosquitto_socket", api->socket) &&
                  library.bind("mosquitto_want_write", api->want_write) &&
                  library.bind("mosquitto_loop_read", api->loop_read) &&
                  library.bind("mosquitto_loop_write", api->loop_write) &&
                  library.bind("mosquitto_loop_misc", api->loop_misc) &&
                  library.bind("mosquitto_subscribe_multiple", api->subscribe_multiple) &&
                  library.bind("mosquitto_unsubscribe_multiple", api->unsubscribe_multiple) &&
                  library.bind("mosquitto_publish", api->publish) &&
                  library.bind("mosquitto_connect_callback_set", api->connect_callback_set) &&
                  library.bind("mosquitto_disconnect_callback_set", api->disconnect_callback_set) &&
                  library.bind("mosquitto_message_callback_set", api->message_callback_set) &&
                  library.bind("mosquitto_subscribe_callback_set", api->subscribe_callback_set) &&
                  library.bind("mosquitto_unsubscribe_callback_set", api->unsubscribe_callback_set) &&
                  library.bind("mosquitto_publish_callback_set", api->publish_callback_set) &&
                  library.bind("mosquitto_strerror", api->strerror) &&
                  library.bind("mosquitto_connack_string", api->connack_string);
  if (!ok) {
    error = "cannot load " + library.name() + " (" + runtime::DynamicLibrary::missing() + ")";
    return nullptr;
  }
  // Reference-counted in libmosquitto 2.0: each runtime pairs its own init
  // with the cleanup in the destructor.
  if (api->lib_init() != MOSQ_ERR_SUCCESS) {
    error = "cannot initialise " + library.name() + " (mosquitto_lib_init failed)";
    return nullptr;
  }
  api->initialised_ = true;
  return api;
}

MosquittoApi::~MosquittoApi() {
  if (initialised_) lib_cleanup();
}

}  // namespace plua::stdlib::mqtt
