#include "core/identity/official_policy.h"

namespace tinhso::identity {
namespace {

Error not_yours() {
  return Error::forbidden(
      "Tài khoản này có quyền vượt ngoài phạm vi quản trị của bạn. Vui lòng đề nghị quản trị "
      "cấp trên thực hiện.");
}

bool is_system_admin(const Principal& p) {
  for (const Grant& g : p.grants)
    if (g.role == Role::kSystemAdmin) return true;
  return false;
}

// Whether the actor's grant `a` reaches everything `g` reaches, and strictly more when `g`
// is itself an administrator's.
bool reaches(const Authorizer& authz, const Grant& a, const Grant& g) {
  if (a.role == Role::kSystemAdmin) return true;
  if (!authz.covers(a, g.unit_id)) return false;
  if (g.include_subunits && !a.include_subunits) return false;
  if (g.role == Role::kUnitAdmin) {
    bool wider = a.unit_id != g.unit_id || !g.include_subunits;
    return a.include_subunits && wider;
  }
  return true;
}

}  // namespace

Status check_may_grant(const Authorizer& authz, const Principal& actor, const Grant& g) {
  if (!actor.is_official()) return Error::forbidden();
  if (g.role == Role::kSystemAdmin) return is_system_admin(actor) ? ok_status() : not_yours();
  for (const Grant& a : authz.grants_for(actor, identity::kManageOfficials))
    if (reaches(authz, a, g)) return ok_status();
  return not_yours();
}

Status check_may_manage(const Authorizer& authz, const Principal& actor, int64_t home_unit,
                        const std::vector<Grant>& grants) {
  TS_TRY(authz.check(actor, identity::kManageOfficials, home_unit));
  for (const Grant& g : grants) TS_TRY(check_may_grant(authz, actor, g));
  return ok_status();
}

}  // namespace tinhso::identity
