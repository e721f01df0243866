#include "documents/access.h"

#include "documents/permissions.h"

namespace tinhso::documents {

using identity::Permission;

Status authorize_register_view(http::Context& ctx, int64_t unit_id) {
  for (Permission p : {documents::kRegisterDocument, documents::kAssignDocument}) {
    if (ctx.authorizer().check(ctx.who(), p, unit_id).ok()) return ctx.authorize(p, unit_id);
  }
  return ctx.authorize(documents::kHandleDocument, unit_id);
}

Status authorize_incoming_view(http::Context& ctx, storage::Tx& tx, int64_t document_id,
                               int64_t unit_id) {
  if (authorize_register_view(ctx, unit_id).ok()) return ok_status();
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT unit_id, official_id FROM document_assignments "
                                          "WHERE document_id = $1",
                                          {document_id}));
  for (auto r : rows) {
    bool handler = ctx.authorizer().check(ctx.who(), documents::kHandleDocument, r.i64(0)).ok();
    if (handler) return ctx.authorize(documents::kHandleDocument, r.i64(0));
    // A person named by the leader reads it even without a grant in that unit.
    if (!r.is_null(1) && r.i64(1) == ctx.who().id) return ok_status();
  }
  return Error::forbidden("Ông/Bà không được giao xem văn bản này.");
}

Status authorize_assignment(http::Context& ctx, const AssignmentState& a) {
  if (a.official_id) {
    if (*a.official_id != ctx.who().id)
      return Error::forbidden("Việc này được giao cho người khác.");
    // A person named by the leader acts on it; the audit entry names their grant when they
    // hold one in that unit.
    if (ctx.authorizer().check(ctx.who(), documents::kHandleDocument, a.unit_id).ok())
      return ctx.authorize(documents::kHandleDocument, a.unit_id);
    return ok_status();
  }
  return ctx.authorize(documents::kHandleDocument, a.unit_id);
}

Status authorize_outgoing_view(http::Context& ctx, const OutgoingState& s) {
  if (s.reviewer_id && *s.reviewer_id == ctx.who().id) return ok_status();
  if (ctx.authorizer().check(ctx.who(), documents::kHandleDocument, s.drafting_unit_id).ok())
    return ctx.authorize(documents::kHandleDocument, s.drafting_unit_id);
  for (Permission p : {documents::kSignDocument, documents::kRegisterDocument}) {
    if (ctx.authorizer().check(ctx.who(), p, s.unit_id).ok()) return ctx.authorize(p, s.unit_id);
  }
  return Error::forbidden("Ông/Bà không được xem văn bản này.");
}

}  // namespace tinhso::documents
