// The life of an incoming document and of the assignments that handle it: the states, the
// actions, and what each action may do in each state. Pure: no database, no clock; the
// handling functions (handling.h) apply the outcome inside one transaction, where a
// conditional UPDATE still guards against a concurrent change.
//
//   document:    registered ──assign──▶ assigned ──(the lead's part done)──▶ done
//   assignment:  open ──forward──▶ forwarded   (a new open assignment for the person named)
//                open ──complete─▶ done        (not for "inform": nothing to complete)
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::documents {

enum class IncomingStatus { kRegistered, kAssigned, kDone };
enum class AssignmentStatus { kOpen, kForwarded, kDone };
enum class AssignmentRole { kLead, kCooperate, kInform };
enum class AssignmentAction { kForward, kComplete };

inline constexpr IncomingStatus kIncomingStatuses[] = {
    IncomingStatus::kRegistered, IncomingStatus::kAssigned, IncomingStatus::kDone};
inline constexpr AssignmentStatus kAssignmentStatuses[] = {
    AssignmentStatus::kOpen, AssignmentStatus::kForwarded, AssignmentStatus::kDone};
inline constexpr AssignmentRole kAssignmentRoles[] = {
    AssignmentRole::kLead, AssignmentRole::kCooperate, AssignmentRole::kInform};

// Names as stored and as the API speaks them; labels as people read them.
std::string_view status_name(IncomingStatus s);
std::string_view status_label_vi(IncomingStatus s);
std::optional<IncomingStatus> parse_incoming_status(std::string_view s);
std::string_view status_name(AssignmentStatus s);
std::string_view status_label_vi(AssignmentStatus s);
std::optional<AssignmentStatus> parse_assignment_status(std::string_view s);
std::string_view role_name(AssignmentRole r);
std::string_view role_label_vi(AssignmentRole r);
std::optional<AssignmentRole> parse_assignment_role(std::string_view s);

// Assigning handling: only a registered document, and only at the version the leader saw
// (otherwise someone changed it since: reload). The status after.
Result<IncomingStatus> assign_document(IncomingStatus status, int64_t version,
                                       int64_t seen_version);

struct AssignmentOutcome {
  AssignmentStatus after;
  // The lead's completion completes the document (and is reported to an electronic sender).
  bool completes_document = false;
};
// Forwarding or completing one's assignment: only an open one; an "inform" assignment has
// nothing to complete.
Result<AssignmentOutcome> act_on_assignment(AssignmentStatus status, AssignmentRole role,
                                            AssignmentAction action);

}  // namespace tinhso::documents
