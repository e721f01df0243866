// Who may see and act on a feedback item, decided for a Principal without HTTP: the reception
// office of the item (its reception unit) and the officials of the unit whose queue it is in
// (or that answered it). The sender acts with the item's secret or their own account.
#pragma once

#include "core/identity/authorizer.h"
#include "core/identity/principal.h"
#include "feedback/items.h"

namespace tinhso::feedback {

// A grant of `p` in `unit` or in one of its divisions (units of kind "division" directly below
// it): a department's specialists sit in its divisions and answer for the department.
Result<identity::Grant> check_within(const identity::Authorizer& authz,
                                     const identity::Principal& who, identity::Permission p,
                                     int64_t unit);
Result<identity::Grant> check_view(const identity::Authorizer& authz,
                                   const identity::Principal& who, const Item& item);
// An official's action: reception's actions at the reception unit; drafting an answer by the
// handlers of the unit or of one of its divisions; assigning, transferring, extending, returning
// and approving by its leaders; closing by either.
Result<identity::Grant> check_action(const identity::Authorizer& authz,
                                     const identity::Principal& who, FeedbackAction action,
                                     const Item& item);
// Adding a file to an item: reception, or the handlers and leaders of the unit holding it.
Result<identity::Grant> check_attach(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Item& item);
// Whether `who` (an applicant signed in) or the holder of `token` is the item's sender.
bool is_sender(const Item& item, const identity::Principal* who, std::string_view token);

}  // namespace tinhso::feedback
