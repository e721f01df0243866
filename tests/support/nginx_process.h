// Debian's nginx as the load balancer in front of several tinhso nodes, for tests of a
// multi-node installation: round robin over the nodes, the next node tried when one refuses
// connections (what nginx does for a crashed node), a POST never sent twice.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/test_db.h"

namespace tinhso::testing {

class NginxProcess {
 public:
  explicit NginxProcess(const std::vector<int>& node_ports);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  int port() const { return port_; }
  std::string error_log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tinhso::testing
