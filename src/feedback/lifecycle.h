// The life of a feedback item (phản ánh, kiến nghị — Nghị định 20/2008/NĐ-CP): its states, the
// actions on it, and what each action does in each state. Pure: no database, no clock, no person;
// service.cc writes the outcome in one transaction and access.h decides who may act.
//
//   draft ──complete──▶ received               (the sender supplies what Art. 7 requires)
//   received ──register──▶ in_progress         (reception classifies, names the competent unit)
//   received ──reject | forward_out | route_complaint──▶ closed kinds
//   in_progress ──transfer | assign | extend──▶ in_progress
//   in_progress ──draft_answer──▶ answer_drafted ──return_draft──▶ in_progress
//   answer_drafted ──approve──▶ answered ──rate | close──▶ closed
//   answered ──reopen (once)──▶ in_progress
//   received | in_progress ──merge──▶ merged   (a duplicate; answered with its main item)
//   received | in_progress ──ask──▶ same status, a question waiting ──reply──▶ same status
//   routed_as_complaint ──accept_case──▶ case_accepted ──extend_case──▶ case_accepted
//   routed_as_complaint ──decline_case──▶ case_declined;  case_accepted ──decide_case──▶
//   case_decided (a complaint or denunciation under its own law's clocks: Luật Khiếu nại 2011, Luật
//   Tố cáo 2018)
#pragma once

#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::feedback {

enum class FeedbackStatus {
  kDraft,              // Art. 7 fields missing: kept, not yet received
  kReceived,           // waiting for the reception office
  kInProgress,         // at the competent unit, the answer clock running
  kAnswerDrafted,      // waiting for the unit leader's approval
  kAnswered,           // answer sent (and published unless withheld)
  kClosed,             // rated, or closed after the answer
  kRejected,           // not accepted (Art. 9), with the reason
  kForwardedOut,       // sent to a competent body outside the province
  kRoutedAsComplaint,  // a complaint or denunciation: handled under its own law
  kMerged,             // a duplicate, answered with the main item it was merged into
  kCaseAccepted,       // a complaint or denunciation accepted (thụ lý), its decision due
  kCaseDeclined,       // a complaint or denunciation not accepted, with the reason
  kCaseDecided,  // decided (quyết định giải quyết khiếu nại, kết luận nội dung tố cáo)
};

enum class FeedbackAction {
  kComplete,
  kRegister,
  kReject,
  kForwardOut,
  kRouteComplaint,
  kTransfer,
  kAssign,
  kExtend,
  kDraftAnswer,
  kReturnDraft,
  kApprove,
  kRate,
  kReopen,
  kClose,
  kMerge,
  kAsk,
  kReply,
  kAcceptCase,
  kDeclineCase,
  kExtendCase,
  kDecideCase,
};

inline constexpr FeedbackStatus kFeedbackStatuses[] = {FeedbackStatus::kDraft,
                                                       FeedbackStatus::kReceived,
                                                       FeedbackStatus::kInProgress,
                                                       FeedbackStatus::kAnswerDrafted,
                                                       FeedbackStatus::kAnswered,
                                                       FeedbackStatus::kClosed,
                                                       FeedbackStatus::kRejected,
                                                       FeedbackStatus::kForwardedOut,
                                                       FeedbackStatus::kRoutedAsComplaint,
                                                       FeedbackStatus::kMerged,
                                                       FeedbackStatus::kCaseAccepted,
                                                       FeedbackStatus::kCaseDeclined,
                                                       FeedbackStatus::kCaseDecided};

inline constexpr FeedbackAction kFeedbackActions[] = {
    FeedbackAction::kComplete,    FeedbackAction::kRegister,       FeedbackAction::kReject,
    FeedbackAction::kForwardOut,  FeedbackAction::kRouteComplaint, FeedbackAction::kTransfer,
    FeedbackAction::kAssign,      FeedbackAction::kExtend,         FeedbackAction::kDraftAnswer,
    FeedbackAction::kReturnDraft, FeedbackAction::kApprove,        FeedbackAction::kRate,
    FeedbackAction::kReopen,      FeedbackAction::kClose,          FeedbackAction::kMerge,
    FeedbackAction::kAsk,         FeedbackAction::kReply,          FeedbackAction::kAcceptCase,
    FeedbackAction::kDeclineCase, FeedbackAction::kExtendCase,     FeedbackAction::kDecideCase};

std::string_view status_name(FeedbackStatus s);
std::string_view status_label_vi(FeedbackStatus s);
std::optional<FeedbackStatus> parse_status(std::string_view s);
std::string_view action_name(FeedbackAction a);
std::string_view action_label_vi(FeedbackAction a);
std::optional<FeedbackAction> parse_action(std::string_view s);

// A timeline row's label: an action's, how the item arrived ("submit", "enter"), a file added
// ("attach") or a merged item following its main one ("follow").
std::string_view event_label_vi(std::string_view action);

// Kinds (ND 20/2008 Art. 3) and channels (Art. 6), with their labels.
inline constexpr std::string_view kKinds[] = {"reflection", "petition"};
// "app": another application, through Open311 GeoReport v2 (an electronic channel of Art. 6).
inline constexpr std::string_view kChannels[] = {"portal", "hotline", "in_person",
                                                 "post",   "email",   "app"};
std::string_view kind_label_vi(std::string_view kind);
std::string_view channel_label_vi(std::string_view channel);

// Whether the item still waits for someone in the province (it sits in a queue).
bool is_open(FeedbackStatus s);
// Whether a complaint or denunciation routed out of feedback still waits for its acceptance or
// its decision (the statutory clocks run).
bool is_open_case(FeedbackStatus s);
// Whether files may be added to an item in status `s`: by its sender while it is a draft or
// being handled, by officials while it is being handled.
bool accepts_files(FeedbackStatus s, bool by_sender);
// Whether the item was routed out as a complaint or denunciation (at any step since).
bool is_routed_case(FeedbackStatus s);
// Actions taken by the sender (with the item's secret or their account), not by officials.
bool is_sender_action(FeedbackAction a);

// What the state machine needs to know besides the status.
struct ItemFacts {
  bool complete = true;   // Art. 7 fields present
  bool reopened = false;  // the sender already disagreed once
  bool asked = false;     // a question to the sender waits for a reply
};

// The status after `action`, or the refusal people read with its machine code.
Result<FeedbackStatus> next_status(FeedbackStatus status, FeedbackAction action,
                                   const ItemFacts& facts);

}  // namespace tinhso::feedback
