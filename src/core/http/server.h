// Server: the HTTP/1.1 listener (Boost.Beast + Asio, C++20 coroutines).
//
// I/O threads each run their own io_context; one acceptor hands connections to them in
// turn. Each connection is one coroutine that reads a request (header limit, per-route body
// limit, read and idle timeouts), asks the Pipeline for the response — on the I/O thread for
// inline routes, on the worker pool otherwise — and writes it, keeping the connection alive.
// On SIGTERM/SIGINT it stops accepting, closes idle connections, lets requests in flight
// finish (up to the grace period), then returns from run().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/http/pipeline.h"

namespace tinhso::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";
  int io_threads = 1;
  int worker_threads = 8;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{20};
  // Open connections served in full; 0: derived from the file-descriptor limit (raised to its
  // hard maximum at start), keeping a quarter of it for the database and files. Beyond it,
  // `health_reserve` more connections are answered for /healthz and /readyz only (others get
  // 503 server_busy), and anything beyond those is closed at once.
  int64_t max_connections = 0;
  int64_t health_reserve = 16;
};

struct ServerStats {
  int64_t open_connections = 0;
  int64_t requests_in_flight = 0;
  int64_t worker_queue_depth = 0;  // handlers waiting for a worker thread
  int64_t worker_threads = 0;
  int64_t max_connections = 0;
  int64_t connections_refused = 0;  // closed or answered 503 for being over the limit
  int64_t accept_errors = 0;        // e.g. out of file descriptors (EMFILE)
};

class Server {
 public:
  Server(ServerOptions options, Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. The port is known after this (useful with port 0).
  Status start();
  uint16_t port() const;
  // Blocks until a signal (or stop()) and the graceful shutdown that follows are done.
  void run();
  // Starts a graceful shutdown from any thread.
  void stop();
  ServerStats stats() const;
  // Runs `job` on the worker pool (background work that must not block I/O threads).
  void post_to_workers(std::function<void()> job);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinhso::http
