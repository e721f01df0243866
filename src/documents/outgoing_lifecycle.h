// The life of an outgoing document: its states, the actions on it, and what each action does in
// each state. Pure: no database, no clock, no person; outgoing.cc applies the outcome inside one
// transaction, where a conditional UPDATE still guards against a concurrent change, and
// access.h decides who may act.
//
//   draft ──submit──▶ in_review ──approve──▶ approved ──issue──▶ issued
//   │  ▲               │  ▲ └─pass (to another leader)─┘
//   └──┘ revise        └──┴─────return (to the drafter)───▶ draft
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::documents {

enum class OutgoingStatus { kDraft, kInReview, kApproved, kIssued };
enum class OutgoingAction { kRevise, kSubmit, kPass, kReturn, kApprove, kIssue };

inline constexpr OutgoingStatus kOutgoingStatuses[] = {
    OutgoingStatus::kDraft, OutgoingStatus::kInReview, OutgoingStatus::kApproved,
    OutgoingStatus::kIssued};
inline constexpr OutgoingAction kOutgoingActions[] = {
    OutgoingAction::kRevise, OutgoingAction::kSubmit,  OutgoingAction::kPass,
    OutgoingAction::kReturn, OutgoingAction::kApprove, OutgoingAction::kIssue};

// Names as stored and as the API speaks them; labels as people read them.
std::string_view status_name(OutgoingStatus s);
std::string_view status_label_vi(OutgoingStatus s);
std::optional<OutgoingStatus> parse_outgoing_status(std::string_view s);
std::string_view action_name(OutgoingAction a);  // the timeline's event kind

// The status after `action` on a document in `status`, refused when someone changed the
// document since the person saw it at `seen_version` ("document.stale"), or when the action
// does not apply in that status ("document.wrong_status", naming the status).
Result<OutgoingStatus> act_on_outgoing(OutgoingStatus status, int64_t version, int64_t seen_version,
                                       OutgoingAction action);

}  // namespace tinhso::documents
