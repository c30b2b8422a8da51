#pragma once
// mqtt.Client's per-Runtime state (runtime.service<MqttService>()): the
// libmosquitto library (loaded on first use), the clients by the id their
// Lua object holds, and the events waiting for their turn in the ready
// queue.
//
// libmosquitto runs without its thread: each client's socket is watched by
// a uv_poll (readable, and writable while mosquitto_want_write says so) that
// calls mosquitto_loop_read/loop_write, and a 1 s uv timer calls
// mosquitto_loop_misc (keep-alive pings). libmosquitto's callbacks run
// inside those calls; they only record an Event and post it (post_event),
// so no Lua runs inside libuv or libmosquitto.
//
// User work: a client that has listeners and is connecting or connected
// (see MqttClient::update_work); its posted events count until they ran.

#include <lua.hpp>
#include <uv.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lua/ref.hpp"
#include "net/mqtt/mosquitto_api.hpp"
#include "net/socket/resolver.hpp"
#include "runtime.hpp"
#include "uv/handle.hpp"
#include "net/posted_events.hpp"

namespace plua::stdlib::mqtt {

// What mqtt.Client.connect asked for (checked by the Lua side, mqtt.lua).
struct ClientConfig {
  std::string host;
  int port = 1883;
  bool tls = false;
  std::string client_id;  // empty: the library makes one
  bool clean_session = true;
  int keepalive = 0;
  bool has_credentials = false;
  std::string username, password;
  bool has_password = false;
  bool has_will = false;
  std::string will_topic, will_payload;
  int will_qos = 0;
  bool will_retain = false;
  std::string ca_file, cert_file, key_file;  // paths (PEM text is written to files by mqtt.lua)
  bool verify = true;  // false: no certificate check at all
};

// One thing to tell the script, in the order libmosquitto reported it.
struct Event {
  enum class Kind : std::uint8_t { Connected, Closed, Message, Subscribed, Unsubscribed, Published, Error };
  std::uint64_t seq = 0;
  std::uint64_t client = 0;
  Kind kind = Kind::Error;
  bool last = false;  // the client's final event: it is forgotten once delivered
  bool retain = false;
  bool flag = false;  // connected: sessionPresent; message: dup
  int qos = 0;
  int mid = 0;   // packetId
  int code = 0;  // connected: returnCode; error: code
  std::string topic;  // message: topic; error: message
  std::string payload;
  std::vector<int> granted;  // subscribed: the QoS granted per topic (128: refused)
};

class MqttService;

class MqttClient {
 public:
  MqttClient(MqttService& service, std::uint64_t id, ClientConfig config, lua::Ref dispatch, runtime::Origin origin);
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;
  ~MqttClient();

  // Configures the mosquitto handle and starts connecting (resolving a
  // host name first). Failures are posted as an `error` event. Throws
  // std::bad_alloc.
  void start();

  // Return MOSQ_ERR_* and set `mid` (the packet id).
  int subscribe(char* const* topics, int count, int qos, int& mid);
  int unsubscribe(char* const* topics, int count, int& mid);
  int publish(const char* topic, const void* payload, int length, int qos, bool retain, int& mid);
  // Sends DISCONNECT (or stops connecting): `closed` follows.
  void disconnect() noexcept;
  // Which events the script listens to (bit i: Event::Kind i): only those
  // are posted; a live client with listeners is user work.
  void set_listening(unsigned mask) noexcept;
  bool listens(Event::Kind kind) const { return (listen_mask_ & (1u << static_cast<unsigned>(kind))) != 0; }

  const lua::Ref& dispatch() const { return dispatch_; }
  runtime::Origin origin() const { return origin_; }
  bool finished() const { return state_ == State::Done; }
  const char* error_text(int rc) const;

  // Stops everything without events (exit, or the Lua object collected).
  void abandon() noexcept;

 private:
  enum class State : std::uint8_t { Idle, Resolving, Connecting, Connected, Done };

  static void on_resolved(void* owner, int status, const sockaddr* addr);
  void connect_to(const std::string& address) noexcept;
  void watch() noexcept;
  void on_poll(int status, int events) noexcept;
  void on_tick() noexcept;
  // After every call into libmosquitto: the poll events follow
  // mosquitto_want_write; a closed socket ends the client.
  void settle() noexcept;
  // Ends the client with its last event: `closed`, or `error` with why it
  // never connected.
  void end() noexcept;
  std::string connect_failure() const;
  void finish() noexcept;
  void update_work() noexcept;
  void post(Event event) noexcept;
  friend class MqttService;

  // libmosquitto's callbacks (obj is the MqttClient).
  static void cb_connect(mosquitto*, void* obj, int rc);
  static void cb_disconnect(mosquitto*, void* obj, int rc);
  static void cb_message(mosquitto*, void* obj, const mosquitto_message* message);
  static void cb_subscribe(mosquitto*, void* obj, int mid, int count, const int* granted);
  static void cb_unsubscribe(mosquitto*, void* obj, int mid);
  static void cb_publish(mosquitto*, void* obj, int mid);

  struct MosqDeleter {
    const MosquittoApi* api;
    void operator()(mosquitto* m) const noexcept { api->destroy(m); }
  };

  MqttService& service_;
  const MosquittoApi& api_;
  std::uint64_t id_;
  ClientConfig config_;
  lua::Ref dispatch_;
  runtime::Origin origin_;
  std::unique_ptr<mosquitto, MosqDeleter> mosq_;
  net::LookupPtr lookup_;
  uv::Handle<uv_poll_t> poll_;
  uv::Handle<uv_timer_t> timer_;
  int poll_fd_ = -1;
  int poll_events_ = 0;
  State state_ = State::Idle;
  unsigned listen_mask_ = 0;
  bool holds_work_ = false;
  bool user_disconnect_ = false;
  std::string refusal_;  // the broker's CONNACK refusal, if any
  int refusal_code_ = 0;
  int disconnect_rc_ = MOSQ_ERR_SUCCESS;
  int disconnect_errno_ = 0;
};

class MqttService final : public runtime::Service {
 public:
  explicit MqttService(runtime::Runtime& runtime);
  MqttService(const MqttService&) = delete;
  MqttService& operator=(const MqttService&) = delete;
  ~MqttService() override;

  runtime::Runtime& runtime() { return runtime_; }
  bool closed() const { return closed_; }
  // libmosquitto, loaded on first use; nullptr and `error` if it cannot be.
  const MosquittoApi* api(std::string& error);
  // After api() succeeded.
  const MosquittoApi& loaded_api() const { return *api_; }

  // Where a body (lua::after_cpp) leaves a message it builds: valid until
  // the next call.
  std::string& scratch() { return scratch_; }

  // Creates and starts a client; returns its id. Throws std::bad_alloc.
  std::uint64_t open(ClientConfig config, lua::Ref dispatch, runtime::Origin origin);
  MqttClient* client(std::uint64_t id);
  // The Lua object was collected, or the client ended and said so.
  void forget(std::uint64_t id) noexcept;

  // The one place that hands work to the scheduler: `event` waits in
  // events_ (net/posted_events.hpp) and a posted job delivers it in order.
  void post_event(Event event) noexcept;

 private:
  // The posted job: pushes the client's dispatch function, the event name
  // and the event table; -1 when there is nothing to run.
  int deliver(lua_State* L, std::uint64_t seq);
  void shutdown() noexcept;

  runtime::Runtime& runtime_;
  std::unique_ptr<MosquittoApi> api_;
  std::unordered_map<std::uint64_t, std::unique_ptr<MqttClient>> clients_;
  net::PostedEvents<Event> events_;
  std::uint64_t next_client_ = 1;
  std::string scratch_;
  bool closed_ = false;
};

}  // namespace plua::stdlib::mqtt
