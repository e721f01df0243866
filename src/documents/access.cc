#include "documents/access.h"

#include "documents/permissions.h"

namespace tinhso::documents {

using identity::Permission;

Result<AccessGrant> authorize_register_view(const identity::Principal& who,
                                            const identity::Authorizer& authz, int64_t unit_id) {
  for (Permission p : {documents::kRegisterDocument, documents::kAssignDocument}) {
    if (auto g = authz.check(who, p, unit_id); g.ok()) return AccessGrant(*g);
  }
  TS_ASSIGN_OR_RETURN(auto g, authz.check(who, documents::kHandleDocument, unit_id));
  return AccessGrant(g);
}

Result<AccessGrant> authorize_incoming_view(const identity::Principal& who,
                                            const identity::Authorizer& authz, storage::Tx& tx,
                                            int64_t document_id, int64_t unit_id) {
  if (auto g = authorize_register_view(who, authz, unit_id); g.ok()) return g;
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT unit_id, official_id FROM document_assignments "
                                          "WHERE document_id = $1",
                                          {document_id}));
  for (auto r : rows) {
    if (auto g = authz.check(who, documents::kHandleDocument, r.i64(0)); g.ok())
      return AccessGrant(*g);
    // A person named by the leader reads it even without a grant in that unit.
    if (!r.is_null(1) && r.i64(1) == who.id) return AccessGrant();
  }
  return Error::forbidden("Ông/Bà không được giao xem văn bản này.");
}

Result<AccessGrant> authorize_assignment(const identity::Principal& who,
                                         const identity::Authorizer& authz,
                                         const AssignmentState& a) {
  if (a.official_id) {
    if (*a.official_id != who.id) return Error::forbidden("Việc này được giao cho người khác.");
    // A person named by the leader acts on it; the audit entry names their grant when they
    // hold one in that unit.
    if (auto g = authz.check(who, documents::kHandleDocument, a.unit_id); g.ok())
      return AccessGrant(*g);
    return AccessGrant();
  }
  TS_ASSIGN_OR_RETURN(auto g, authz.check(who, documents::kHandleDocument, a.unit_id));
  return AccessGrant(g);
}

Result<AccessGrant> authorize_outgoing_view(const identity::Principal& who,
                                            const identity::Authorizer& authz,
                                            const OutgoingState& s) {
  if (s.reviewer_id && *s.reviewer_id == who.id) return AccessGrant();
  if (auto g = authz.check(who, documents::kHandleDocument, s.drafting_unit_id); g.ok())
    return AccessGrant(*g);
  for (Permission p : {documents::kSignDocument, documents::kRegisterDocument}) {
    if (auto g = authz.check(who, p, s.unit_id); g.ok()) return AccessGrant(*g);
  }
  return Error::forbidden("Ông/Bà không được xem văn bản này.");
}

Result<AccessGrant> authorize_exchange_log(const identity::Principal& who,
                                           const identity::Authorizer& authz) {
  TS_ASSIGN_OR_RETURN(auto g, authz.check_anywhere(who, identity::kAdministerSystem));
  return AccessGrant(g);
}

}  // namespace tinhso::documents
