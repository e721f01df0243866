#include "onestop/access.h"

#include "core/identity/roles.h"
#include "onestop/permissions.h"

namespace tinhso::onestop {
namespace {

Result<AccessGrant> granted(Result<identity::Grant> g) {
  if (!g.ok()) return std::move(g).error();
  return AccessGrant(*g);
}

}  // namespace

Result<AccessGrant> authorize_catalog(const identity::Principal& who,
                                      const identity::Authorizer& authz) {
  auto org = authz.org().get();
  auto roots = org->roots();
  if (roots.empty()) return Error::forbidden("Chưa có cơ cấu tổ chức của tỉnh.");
  return granted(authz.check(who, kManageProcedures, roots.front()));
}

Result<AccessGrant> authorize_queues(const identity::Principal& who,
                                     const identity::Authorizer& authz) {
  return granted(authz.check_anywhere(who, kViewDossiers));
}

Result<AccessGrant> authorize_counter(const identity::Principal& who,
                                      const identity::Authorizer& authz) {
  return granted(authz.check_anywhere(who, kReceiveDossier));
}

Result<AccessGrant> authorize_statistics(const identity::Principal& who,
                                         const identity::Authorizer& authz, int64_t agency) {
  return granted(authz.check(who, kViewStatistics, agency));
}

Result<AccessGrant> authorize_register(const identity::Principal& who,
                                       const identity::Authorizer& authz, int64_t unit) {
  return granted(authz.check(who, kViewDossiers, unit));
}

Result<AccessGrant> authorize_outbox(const identity::Principal& who,
                                     const identity::Authorizer& authz) {
  return granted(authz.check_anywhere(who, identity::kAdministerSystem));
}

}  // namespace tinhso::onestop
