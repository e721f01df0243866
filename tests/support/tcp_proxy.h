// A loopback TCP proxy for tests of what a server does when its database hangs: bytes flow both
// ways until hang(), after which connections stay open (new ones are accepted) but nothing is
// forwarded — a database that stopped answering, as seen from the network — until resume().
#pragma once

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace tinhso::testing {

class TcpProxy {
 public:
  explicit TcpProxy(int target_port);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  int port() const { return port_; }
  void hang() { hung_ = true; }
  void resume() { hung_ = false; }

 private:
  struct Pair {
    int client = -1, backend = -1;
  };
  void loop();

  int target_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> hung_{false};
  std::atomic<bool> stop_{false};
  std::vector<Pair> pairs_;  // the loop's thread only
  std::thread thread_;
};

}  // namespace tinhso::testing
