#include "net/socket/resolver.hpp"

#include <netinet/in.h>

#include <cstring>
#include <string>

namespace plua::stdlib::net {

bool parse_numeric(const std::string& host, int port, sockaddr_storage& out) {
  out = sockaddr_storage{};
  if (uv_ip4_addr(host.c_str(), port, reinterpret_cast<sockaddr_in*>(&out)) == 0) return true;
  out = sockaddr_storage{};
  return uv_ip6_addr(host.c_str(), port, reinterpret_cast<sockaddr_in6*>(&out)) == 0;
}

std::string address_text(const sockaddr* addr) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET6) {
    uv_ip6_name(reinterpret_cast<const sockaddr_in6*>(addr), text, sizeof text);
  } else {
    uv_ip4_name(reinterpret_cast<const sockaddr_in*>(addr), text, sizeof text);
  }
  return text;
}

int address_port(const sockaddr* addr) {
  if (addr->sa_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(addr)->sin6_port);
  return ntohs(reinterpret_cast<const sockaddr_in*>(addr)->sin_port);
}

Lookup* Lookup::start(uv_loop_t* loop, const std::string& host, int port, Done done, void* owner, int& rc) {
  auto* lookup = new Lookup(done, owner);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  const std::string service = std::to_string(port);
  lookup->req_.data = lookup;
  rc = uv_getaddrinfo(loop, &lookup->req_, &Lookup::on_resolved, host.c_str(), service.c_str(), &hints);
  if (rc != 0) {
    delete lookup;
    return nullptr;
  }
  return lookup;
}

void Lookup::detach() noexcept {
  owner_ = nullptr;
  uv_cancel(reinterpret_cast<uv_req_t*>(&req_));  // on_resolved still runs (UV_EAI_CANCELED)
}

void Lookup::on_resolved(uv_getaddrinfo_t* req, int status, addrinfo* result) {
  auto* lookup = static_cast<Lookup*>(req->data);
  if (lookup->owner_ != nullptr) {
    const sockaddr* addr = nullptr;  // the first IPv4 address, else the first one
    for (const addrinfo* ai = status == 0 ? result : nullptr; ai != nullptr; ai = ai->ai_next) {
      if (addr == nullptr || (addr->sa_family != AF_INET && ai->ai_family == AF_INET)) addr = ai->ai_addr;
    }
    if (status == 0 && addr == nullptr) status = UV_EAI_NODATA;
    lookup->done_(lookup->owner_, status, addr);
  }
  uv_freeaddrinfo(result);
  delete lookup;
}

}  // namespace plua::stdlib::net
