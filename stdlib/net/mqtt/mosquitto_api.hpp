#pragma once
// libmosquitto, loaded when a script first calls mqtt.Client.connect rather
// than at every start-up (as libcurl is, see net/http/curl_api.hpp): the
// library pulls in libssl/libcrypto. Owned by the MqttService; <mosquitto.h>
// gives the types, so each pointer has exactly the type of its function.

#include <mosquitto.h>

#include <memory>
#include <string>

#include "sys/dynamic_library.hpp"

namespace plua::stdlib::mqtt {

struct MosquittoApi {
  decltype(&::mosquitto_lib_init) lib_init = nullptr;
  decltype(&::mosquitto_lib_cleanup) lib_cleanup = nullptr;
  decltype(&::mosquitto_new) create = nullptr;
  decltype(&::mosquitto_destroy) destroy = nullptr;
  decltype(&::mosquitto_int_option) int_option = nullptr;
  decltype(&::mosquitto_username_pw_set) username_pw_set = nullptr;
  decltype(&::mosquitto_will_set) will_set = nullptr;
  decltype(&::mosquitto_tls_set) tls_set = nullptr;
  decltype(&::mosquitto_tls_opts_set) tls_opts_set = nullptr;
  decltype(&::mosquitto_tls_insecure_set) tls_insecure_set = nullptr;
  decltype(&::mosquitto_connect_bind_async) connect_bind_async = nullptr;
  decltype(&::mosquitto_disconnect) disconnect = nullptr;
  decltype(&::mosquitto_socket) socket = nullptr;
  decltype(&::mosquitto_want_write) want_write = nullptr;
  decltype(&::mosquitto_loop_read) loop_read = nullptr;
  decltype(&::mosquitto_loop_write) loop_write = nullptr;
  decltype(&::mosquitto_loop_misc) loop_misc = nullptr;
  decltype(&::mosquitto_subscribe_multiple) subscribe_multiple = nullptr;
  decltype(&::mosquitto_unsubscribe_multiple) unsubscribe_multiple = nullptr;
  decltype(&::mosquitto_publish) publish = nullptr;
  decltype(&::mosquitto_connect_callback_set) connect_callback_set = nullptr;
  decltype(&::mosquitto_disconnect_callback_set) disconnect_callback_set = nullptr;
  decltype(&::mosquitto_message_callback_set) message_callback_set = nullptr;
  decltype(&::mosquitto_subscribe_callback_set) subscribe_callback_set = nullptr;
  decltype(&::mosquitto_unsubscribe_callback_set) unsubscribe_callback_set = nullptr;
  decltype(&::mosquitto_publish_callback_set) publish_callback_set = nullptr;
  decltype(&::mosquitto_strerror) strerror = nullptr;
  decltype(&::mosquitto_connack_string) connack_string = nullptr;

  // Loads the library ($PLUA_LIBMOSQUITTO if set, else libmosquitto.so.1)
  // and runs mosquitto_lib_init. On failure: nullptr, and `error` says why,
  // as "cannot load libmosquitto.so.1 (<dlerror text>)".
  static std::unique_ptr<MosquittoApi> load(std::string& error);

  MosquittoApi() = default;
  MosquittoApi(const MosquittoApi&) = delete;
  MosquittoApi& operator=(const MosquittoApi&) = delete;
  ~MosquittoApi();  // mosquitto_lib_cleanup; the library stays mapped

 private:
  runtime::DynamicLibrary library_;
  bool initialised_ = false;
};

}  // namespace plua::stdlib::mqtt
