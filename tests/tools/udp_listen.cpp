// udp_listen COUNT: binds a UDP socket on 127.0.0.1 (ephemeral port),
// prints the port, then prints each datagram it receives on its own line
// until COUNT have arrived or none came for 5 s. For the lual.syslog test.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 1;
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return 1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return 1;
  }
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::printf("%d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  char buffer[65536];
  for (long i = 0; i < count; ++i) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0) break;
    std::fwrite(buffer, 1, static_cast<std::size_t>(n), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  ::close(fd);
  return 0;
}
