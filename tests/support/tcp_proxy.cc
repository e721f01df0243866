#include "support/tcp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace tinhso::testing {

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  return a;
}

// Copies what `from` has to `to`; false when either side is closed.
bool pump(int from, int to) {
  char buf[16384];
  ssize_t n = ::read(from, buf, sizeof buf);
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    ssize_t w = ::write(to, buf + off, static_cast<size_t>(n - off));
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

}  // namespace

TcpProxy::TcpProxy(int target_port) : target_port_(target_port) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(0);
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listener_, 64) != 0)
    throw std::runtime_error("tcp proxy: cannot listen");
  socklen_t len = sizeof a;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] { loop(); });
}

TcpProxy::~TcpProxy() {
  stop_ = true;
  thread_.join();
  for (const auto& p : pairs_) {
    ::close(p.client);
    ::close(p.backend);
  }
  ::close(listener_);
}

void TcpProxy::loop() {
  while (!stop_) {
    std::vector<pollfd> fds{{listener_, POLLIN, 0}};
    bool forwarding = !hung_;
    for (const auto& p : pairs_) {
      short events = forwarding ? POLLIN : 0;
      fds.push_back({p.client, events, 0});
      fds.push_back({p.backend, events, 0});
    }
    if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
    std::size_t polled = pairs_.size();  // a pair accepted below has no pollfd yet
    if (fds[0].revents & POLLIN) {
      int c = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) {
        int b = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in t = loopback(target_port_);
        if (b >= 0 && ::connect(b, reinterpret_cast<sockaddr*>(&t), sizeof t) == 0) {
          pairs_.push_back({c, b});
        } else {
          ::close(c);
          if (b >= 0) ::close(b);
        }
      }
    }
    if (!forwarding) continue;
    std::vector<Pair> open;
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
      if (i >= polled) {
        open.push_back(pairs_[i]);
        continue;
      }
      const pollfd& c = fds[1 + 2 * i];
      const pollfd& b = fds[2 + 2 * i];
      bool alive = true;
      if (c.revents & (POLLIN | POLLHUP | POLLERR))
        alive = pump(pairs_[i].client, pairs_[i].backend);
      if (alive && (b.revents & (POLLIN | POLLHUP | POLLERR)))
        alive = pump(pairs_[i].backend, pairs_[i].client);
      if (alive) {
        open.push_back(pairs_[i]);
      } else {
        ::close(pairs_[i].client);
        ::close(pairs_[i].backend);
      }
    }
    pairs_ = std::move(open);
  }
}

}  // namespace tinhso::testing
