#include "support/tripwire.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace tinhso::testing {

ListenerTripwire::ListenerTripwire() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd_, 64) != 0)
    throw std::runtime_error("tripwire: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      ++connections_;
      ::close(c);
    }
  });
}

ListenerTripwire::~ListenerTripwire() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::string ListenerTripwire::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

FileOpenWatch::FileOpenWatch(const std::string& path) {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0 || ::inotify_add_watch(fd_, path.c_str(), IN_OPEN) < 0)
    throw std::runtime_error("tripwire: cannot watch " + path);
}

FileOpenWatch::~FileOpenWatch() {
  if (fd_ >= 0) ::close(fd_);
}

int FileOpenWatch::openings() {
  alignas(inotify_event) char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    for (char* p = buf; p < buf + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      if (e->mask & IN_OPEN) ++count_;
      p += sizeof(inotify_event) + e->len;
    }
  }
  return count_;
}

}  // namespace tinhso::testing
