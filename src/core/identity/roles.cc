#include "core/identity/roles.h"

#include <algorithm>

namespace tinhso::identity {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::kSystemAdmin:
      return "system_admin";
    case Role::kUnitAdmin:
      return "unit_admin";
    case Role::kDeskOfficer:
      return "desk_officer";
    case Role::kSpecialist:
      return "specialist";
    case Role::kLeader:
      return "leader";
    case Role::kClerk:
      return "clerk";
  }
  return "unknown";
}

std::string_view role_label_vi(Role r) {
  switch (r) {
    case Role::kSystemAdmin:
      return "Quản trị hệ thống";
    case Role::kUnitAdmin:
      return "Quản trị đơn vị";
    case Role::kDeskOfficer:
      return "Cán bộ một cửa";
    case Role::kSpecialist:
      return "Chuyên viên";
    case Role::kLeader:
      return "Lãnh đạo";
    case Role::kClerk:
      return "Văn thư";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

bool carries(Role r, const Permission& p) {
  if (r == Role::kSystemAdmin) return true;
  return std::find(p.roles.begin(), p.roles.end(), r) != p.roles.end();
}

}  // namespace tinhso::identity
