// require("plua.mqtt.native"): the C++ half of mqtt.Client (mqtt.lua is
// the other: argument checks, listeners, the HC3's names). Every argument
// here was checked by mqtt.lua; these functions only read them.
//   native.load()   -- loads libmosquitto, or raises why it cannot
//   native.connect(config, dispatch) -> handle
//     config: {host, port, tls, clientId, cleanSession, keepAlivePeriod,
//              username, password, willTopic, willPayload, willQos,
//              willRetain, ca, cert, key, verify}
//     dispatch(name, event) runs as a task for each event
//   handle:subscribe({topic...}, qos) -> packetId | nil, message
//   handle:unsubscribe({topic...}) -> packetId | nil, message
//   handle:publish(topic, payload, qos, retain) -> packetId | nil, message
//   handle:disconnect()
//   handle:listen(mask)   -- bit i: Event::Kind i has listeners
//
// Thin lua_CFunctions: Lua work first (it may raise), the C++ work in a
// lua::after_cpp body.

#include <lua.hpp>

#include <cstdint>
#include <new>
#include <string>

#include "lua/guard.hpp"
#include "lua/ref.hpp"
#include "net/mqtt/mqtt_service.hpp"
#include "runtime.hpp"

namespace plua::stdlib {

namespace {

using mqtt::MqttClient;
using mqtt::MqttService;

constexpr const char* kHandleType = "plua.mqtt.handle";
constexpr int kMaxTopics = 1024;

struct Handle {
  std::uint64_t id;
};

// The config fields, pushed in this order by connect.
const char* const kFields[] = {"host",     "port",       "tls",        "clientId",   "cleanSession", "keepAlivePeriod",
                               "username", "password",   "willTopic",  "willPayload", "willQos",     "willRetain",
                               "ca",       "cert",       "key",        "verify"};
constexpr int kFieldCount = static_cast<int>(sizeof kFields / sizeof kFields[0]);

std::string text_at(lua_State* L, int idx) {
  std::size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);  // cannot raise: mqtt.lua passes strings
  return s == nullptr ? std::string() : std::string(s, len);
}

int int_at(lua_State* L, int idx) { return static_cast<int>(lua_tointegerx(L, idx, nullptr)); }

// native.connect(config, dispatch)
int l_connect(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  luaL_checkstack(L, kFieldCount + 4, nullptr);
  lua_settop(L, 2);
  for (const char* field : kFields) lua_getfield(L, 1, field);  // at 3 .. 2 + kFieldCount
  auto* handle = static_cast<Handle*>(lua_newuserdatauv(L, sizeof(Handle), 0));
  handle->id = 0;
  luaL_setmetatable(L, kHandleType);
  lua_pushvalue(L, 2);
  const int dispatch_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    lua::Ref dispatch = lua::Ref::adopt(runtime.state(), dispatch_ref);
    const runtime::Origin origin = runtime.sources().caller_of(L);
    MqttService& service = runtime.service<MqttService>();
    if (service.closed()) return lua::fail("mqtt.Client: the process is exiting");
    std::string& error = service.scratch();
    if (service.api(error) == nullptr) {
      error = "mqtt.Client: " + error;
      return lua::fail(error.c_str());
    }
    const auto at = [](int i) { return 3 + i; };
    mqtt::ClientConfig config;
    config.host = text_at(L, at(0));
    config.port = int_at(L, at(1));
    config.tls = lua_toboolean(L, at(2)) != 0;
    config.client_id = text_at(L, at(3));
    config.clean_session = lua_isnil(L, at(4)) || lua_toboolean(L, at(4)) != 0;
    config.keepalive = int_at(L, at(5));
    config.has_credentials = !lua_isnil(L, at(6));
    config.username = text_at(L, at(6));
    config.has_password = !lua_isnil(L, at(7));
    config.password = text_at(L, at(7));
    config.has_will = !lua_isnil(L, at(8));
    config.will_topic = text_at(L, at(8));
    config.will_payload = text_at(L, at(9));
    config.will_qos = int_at(L, at(10));
    config.will_retain = lua_toboolean(L, at(11)) != 0;
    config.ca_file = text_at(L, at(12));
    config.cert_file = text_at(L, at(13));
    config.key_file = text_at(L, at(14));
    config.verify = lua_isnil(L, at(15)) || lua_toboolean(L, at(15)) != 0;
    handle->id = service.open(std::move(config), std::move(dispatch), origin);
    return lua::pushed(1);  // the handle, on top
  });
}

// native.load(): loads libmosquitto (once per runtime) or raises why not.
int l_load(lua_State* L) {
  runtime::Runtime& runtime = runtime::runtime_of(L);
  return lua::after_cpp(L, [&]() -> lua::Outcome {
    MqttService& service = runtime.service<MqttService>();
    std::string& error = service.scratch();
    if (service.api(error) == nullptr) {
      error = "mqtt.Client: " + error;
      return lua::fail(error.c_str());
    }
    return lua::pushed(0);
  });
}

Handle& check_handle(lua_State* L) { return *static_cast<Handle*>(luaL_checkudata(L, 1, kHandleType)); }

// [-0, +1] The strings of the sequence at `arg` as a Lua-owned array of
// pointers (anchored by the table); sets `count`.
char** topic_array(lua_State* L, int arg, int& count) {
  luaL_checktype(L, arg, LUA_TTABLE);
  const lua_Integer n = luaL_len(L, arg);
  if (n < 1 || n > kMaxTopics) luaL_argerror(L, arg, "1 to 1024 topics expected");
  count = static_cast<int>(n);
  auto** topics = static_cast<char**>(lua_newuserdatauv(L, sizeof(char*) * static_cast<std::size_t>(n), 0));
  for (int i = 1; i <= count; ++i) {
    lua_rawgeti(L, arg, i);
    if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, arg, "topics must be strings");
    topics[i - 1] = const_cast<char*>(lua_tolstring(L, -1, nullptr));
    lua_pop(L, 1);
  }
  return topics;
}

// [-0, +1 or +2] The packet id, or nil and why.
template <typename Call>
int with_client(lua_State* L, std::uint64_t id, Call call) {
  MqttService& service = runtime::runtime_of(L).service<MqttService>();  // exists: a handle was made
  MqttClient* client = id == 0 ? nullptr : service.client(id);
  int mid = 0;
  const int rc = client == nullptr ? MOSQ_ERR_NO_CONN : call(*client, mid);
  if (rc == MOSQ_ERR_SUCCESS) {
    lua_pushinteger(L, mid);
    return 1;
  }
  lua_pushnil(L);
  lua_pushstring(L, rc == MOSQ_ERR_NO_CONN ? "not connected" : client->error_text(rc));
  return 2;
}

int l_subscribe(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  int count = 0;
  char** topics = topic_array(L, 2, count);
  const int qos = static_cast<int>(luaL_checkinteger(L, 3));
  return with_client(L, id, [&](MqttClient& c, int& mid) { return c.subscribe(topics, count, qos, mid); });
}

int l_unsubscribe(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  int count = 0;
  char** topics = topic_array(L, 2, count);
  return with_client(L, id, [&](MqttClient& c, int& mid) { return c.unsubscribe(topics, count, mid); });
}

int l_publish(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  const char* topic = luaL_checkstring(L, 2);
  std::size_t len = 0;
  const char* payload = luaL_checklstring(L, 3, &len);
  const int qos = static_cast<int>(luaL_checkinteger(L, 4));
  const bool retain = lua_toboolean(L, 5) != 0;
  if (len > 268435455) luaL_argerror(L, 3, "payload too large");
  return with_client(L, id, [&](MqttClient& c, int& mid) {
    return c.publish(topic, payload, static_cast<int>(len), qos, retain, mid);
  });
}

int l_disconnect(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  MqttService& service = runtime::runtime_of(L).service<MqttService>();
  if (MqttClient* client = service.client(id); client != nullptr) client->disconnect();
  return 0;
}

int l_listen(lua_State* L) {
  const std::uint64_t id = check_handle(L).id;
  const auto mask = static_cast<unsigned>(luaL_checkinteger(L, 2));
  MqttService& service = runtime::runtime_of(L).service<MqttService>();
  if (MqttClient* client = service.client(id); client != nullptr) client->set_listening(mask);
  return 0;
}

// __gc: the client's dispatch function refers to its Lua object, which
// refers to this handle, so a handle is collected only once its client
// ended and was forgotten; forget again in case.
int l_gc(lua_State* L) {
  auto* handle = static_cast<Handle*>(lua_touserdata(L, 1));
  if (handle->id != 0) runtime::runtime_of(L).service<MqttService>().forget(handle->id);
  handle->id = 0;
  return 0;
}

}  // namespace

int open_mqtt_native(lua_State* L) {
  static const luaL_Reg methods[] = {
      {"subscribe", &l_subscribe}, {"unsubscribe", &l_unsubscribe}, {"publish", &l_publish},
      {"disconnect", &l_disconnect}, {"listen", &l_listen}, {nullptr, nullptr},
  };
  if (luaL_newmetatable(L, kHandleType)) {
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &l_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushcfunction(L, &l_connect);
  lua_setfield(L, -2, "connect");
  lua_pushcfunction(L, &l_load);
  lua_setfield(L, -2, "load");
  return 1;
}

}  // namespace plua::stdlib
