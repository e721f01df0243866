// A stub HTTP server on loopback for systems outside our reach (the national public service
// portal, SMS gateways): records every request and answers with the status the test chooses.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tinhso::testing {

struct StubRequest {
  std::string method, target, body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class StubHttpServer {
 public:
  // `respond` gets the request's position (0, 1, …) and returns the HTTP status to send.
  explicit StubHttpServer(std::function<int(int index, const StubRequest&)> respond);
  ~StubHttpServer();
  StubHttpServer(const StubHttpServer&) = delete;
  StubHttpServer& operator=(const StubHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  std::vector<StubRequest> requests() const;

 private:
  void serve();
  std::function<int(int, const StubRequest&)> respond_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<StubRequest> requests_;
  std::thread thread_;
};

}  // namespace tinhso::testing
