#include "feedback/access.h"

#include "core/base/crypto.h"
#include "feedback/permissions.h"

namespace tinhso::feedback {

Result<identity::Grant> check_within(const identity::Authorizer& authz,
                                     const identity::Principal& who, identity::Permission p,
                                     int64_t unit) {
  if (auto g = authz.check(who, p, unit); g.ok()) return g;
  // Only the unit's own divisions: a unit's subtree may hold whole other bodies (every unit of
  // the province lies within the provincial committee).
  auto org = authz.org().get();
  for (const auto& g : authz.grants_for(who, p)) {
    const auto* u = org->find(g.unit_id);
    if (u != nullptr && u->parent_id == unit && u->kind == "division") return g;
  }
  return Error::forbidden("Ông/Bà không có quyền xử lý phản ánh, kiến nghị tại đơn vị này.");
}

Result<identity::Grant> check_view(const identity::Authorizer& authz,
                                   const identity::Principal& who, const Item& item) {
  if (auto g = authz.check(who, kReceiveFeedback, item.reception_unit_id); g.ok()) return g;
  for (int64_t unit : {item.unit_id, item.answer_unit_id.value_or(item.unit_id)}) {
    if (auto g = check_within(authz, who, kHandleFeedback, unit); g.ok()) return g;
    if (auto g = check_within(authz, who, kApproveFeedback, unit); g.ok()) return g;
  }
  return Error::forbidden("Ông/Bà không được xem phản ánh, kiến nghị này.");
}

Result<identity::Grant> check_action(const identity::Authorizer& authz,
                                     const identity::Principal& who, FeedbackAction action,
                                     const Item& item) {
  using A = FeedbackAction;
  switch (action) {
    case A::kRegister:
    case A::kReject:
    case A::kForwardOut:
    case A::kRouteComplaint:
      return authz.check(who, kReceiveFeedback, item.reception_unit_id);
    case A::kDraftAnswer:
      if (auto g = check_within(authz, who, kHandleFeedback, item.unit_id); g.ok()) return g;
      return authz.check(who, kApproveFeedback, item.unit_id);
    case A::kTransfer:
    case A::kAssign:
    case A::kExtend:
    case A::kReturnDraft:
    case A::kApprove:
      return authz.check(who, kApproveFeedback, item.unit_id);
    case A::kClose:
      if (auto g = authz.check(who, kReceiveFeedback, item.reception_unit_id); g.ok()) return g;
      return authz.check(who, kApproveFeedback, item.answer_unit_id.value_or(item.unit_id));
    case A::kMerge:
      // Reception merges what it has not yet routed; the unit's leaders what they hold.
      if (item.status == FeedbackStatus::kReceived)
        return authz.check(who, kReceiveFeedback, item.reception_unit_id);
      return authz.check(who, kApproveFeedback, item.unit_id);
    case A::kAsk:
      if (item.status == FeedbackStatus::kReceived)
        return authz.check(who, kReceiveFeedback, item.reception_unit_id);
      if (auto g = check_within(authz, who, kHandleFeedback, item.unit_id); g.ok()) return g;
      return authz.check(who, kApproveFeedback, item.unit_id);
    case A::kAcceptCase:
    case A::kDeclineCase:
    case A::kExtendCase:
    case A::kDecideCase:
      // The complaint's or denunciation's handler: the leaders of the unit it was routed to, or
      // reception when it stayed there.
      if (auto g = authz.check(who, kApproveFeedback, item.unit_id); g.ok()) return g;
      return authz.check(who, kReceiveFeedback, item.reception_unit_id);
    case A::kComplete:
    case A::kRate:
    case A::kReopen:
    case A::kReply:
      break;
  }
  return Error::forbidden("Thao tác này dành cho người gửi phản ánh, kiến nghị.");
}

Result<identity::Grant> check_attach(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Item& item) {
  if (auto g = authz.check(who, kReceiveFeedback, item.reception_unit_id); g.ok()) return g;
  if (auto g = check_within(authz, who, kHandleFeedback, item.unit_id); g.ok()) return g;
  return authz.check(who, kApproveFeedback, item.unit_id);
}

bool is_sender(const Item& item, const identity::Principal* who, std::string_view token) {
  if (who != nullptr && who->is_applicant() && item.sender_account_id == who->id) return true;
  if (token.empty()) return false;
  return crypto::constant_time_equals(crypto::sha256_hex(token), item.token_hash);
}

}  // namespace tinhso::feedback
