// Tripwires for attack tests: things the code under test must never touch. A loopback
// listener that counts the connections it receives (and closes them at once, so a client that
// did connect fails fast instead of hanging), and a watch on a file that counts its openings.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace tinhso::testing {

class ListenerTripwire {
 public:
  ListenerTripwire();
  ~ListenerTripwire();
  ListenerTripwire(const ListenerTripwire&) = delete;
  ListenerTripwire& operator=(const ListenerTripwire&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  int connections() const { return connections_.load(); }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

// Counts how often `path` (an existing file) is opened while the watch lives (inotify).
class FileOpenWatch {
 public:
  explicit FileOpenWatch(const std::string& path);
  ~FileOpenWatch();
  FileOpenWatch(const FileOpenWatch&) = delete;
  FileOpenWatch& operator=(const FileOpenWatch&) = delete;
  // Openings seen so far (reads the pending events without waiting).
  int openings();

 private:
  int fd_ = -1;
  int count_ = 0;
};

}  // namespace tinhso::testing
