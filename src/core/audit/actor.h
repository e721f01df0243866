// Actor: who performed a change, as the audit log records it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tinhso::audit {

struct Actor {
  std::string kind = "system";  // official | applicant | system
  std::optional<int64_t> id;
  std::string name = "Hệ thống";
  std::string role;                // role under which the action was authorised
  std::optional<int64_t> unit_id;  // unit in which it was authorised
  std::string request_id;
  std::string ip;

  // Background jobs and command-line tools.
  static Actor system(std::string name = "Hệ thống") {
    Actor a;
    a.name = std::move(name);
    return a;
  }
};

}  // namespace tinhso::audit
