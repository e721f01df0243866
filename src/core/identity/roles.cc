#include "core/identity/roles.h"

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

std::span<const Role> roles_for(Permission p) {
  using enum Role;
  static constexpr Role kAdmins[] = {kSystemAdmin, kUnitAdmin};
  static constexpr Role kSystem[] = {kSystemAdmin};
  static constexpr Role kAnyOfficialRole[] = {kSystemAdmin, kUnitAdmin, kDeskOfficer,
                                              kSpecialist,  kLeader,    kClerk};
  static constexpr Role kDesk[] = {kSystemAdmin, kDeskOfficer};
  static constexpr Role kHandlers[] = {kSystemAdmin, kSpecialist, kLeader, kDeskOfficer};
  static constexpr Role kLeaders[] = {kSystemAdmin, kLeader};
  static constexpr Role kDossierReaders[] = {kSystemAdmin, kUnitAdmin, kDeskOfficer, kSpecialist,
                                             kLeader};
  static constexpr Role kClerks[] = {kSystemAdmin, kClerk};
  static constexpr Role kDocumentHandlers[] = {kSystemAdmin, kSpecialist, kLeader, kClerk};
  switch (p) {
    case Permission::kAdministerSystem:
      return kSystem;
    case Permission::kManageOrganisation:
      return kAdmins;
    case Permission::kManageOfficials:
      return kAdmins;
    case Permission::kViewOfficials:
      return kAnyOfficialRole;
    case Permission::kManageCalendar:
      return kSystem;
    case Permission::kViewAudit:
      return kAdmins;
    case Permission::kManageApiTokens:
      return kAnyOfficialRole;
    case Permission::kManageProcedures:
      return kAdmins;
    case Permission::kReceiveDossier:
      return kDesk;
    case Permission::kHandleDossier:
      return kHandlers;
    case Permission::kApproveDossier:
      return kLeaders;
    case Permission::kViewDossiers:
      return kDossierReaders;
    case Permission::kViewStatistics:
      return kAnyOfficialRole;
    case Permission::kRegisterDocument:
      return kClerks;
    case Permission::kAssignDocument:
      return kLeaders;
    case Permission::kHandleDocument:
      return kDocumentHandlers;
    case Permission::kSignDocument:
      return kLeaders;
  }
  return kSystem;
}

std::string_view permission_name(Permission p) {
  switch (p) {
    case Permission::kAdministerSystem:
      return "administer_system";
    case Permission::kManageOrganisation:
      return "manage_organisation";
    case Permission::kManageOfficials:
      return "manage_officials";
    case Permission::kViewOfficials:
      return "view_officials";
    case Permission::kManageCalendar:
      return "manage_calendar";
    case Permission::kViewAudit:
      return "view_audit";
    case Permission::kManageApiTokens:
      return "manage_api_tokens";
    case Permission::kManageProcedures:
      return "manage_procedures";
    case Permission::kReceiveDossier:
      return "receive_dossier";
    case Permission::kHandleDossier:
      return "handle_dossier";
    case Permission::kApproveDossier:
      return "approve_dossier";
    case Permission::kViewDossiers:
      return "view_dossiers";
    case Permission::kViewStatistics:
      return "view_statistics";
    case Permission::kRegisterDocument:
      return "register_document";
    case Permission::kAssignDocument:
      return "assign_document";
    case Permission::kHandleDocument:
      return "handle_document";
    case Permission::kSignDocument:
      return "sign_document";
  }
  return "unknown";
}

}  // namespace tinhso::identity
