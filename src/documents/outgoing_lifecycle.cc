#include "documents/outgoing_lifecycle.h"

#include <fmt/format.h>

namespace tinhso::documents {

std::string_view status_name(OutgoingStatus s) {
  switch (s) {
    case OutgoingStatus::kDraft:
      return "draft";
    case OutgoingStatus::kInReview:
      return "in_review";
    case OutgoingStatus::kApproved:
      return "approved";
    case OutgoingStatus::kIssued:
      return "issued";
  }
  return "draft";
}

std::string_view status_label_vi(OutgoingStatus s) {
  switch (s) {
    case OutgoingStatus::kDraft:
      return "Dự thảo";
    case OutgoingStatus::kInReview:
      return "Đang trình duyệt";
    case OutgoingStatus::kApproved:
      return "Đã duyệt, chờ cấp số";
    case OutgoingStatus::kIssued:
      return "Đã ban hành";
  }
  return "Dự thảo";
}

std::optional<OutgoingStatus> parse_outgoing_status(std::string_view s) {
  for (OutgoingStatus e : kOutgoingStatuses)
    if (status_name(e) == s) return e;
  return std::nullopt;
}

std::string_view action_name(OutgoingAction a) {
  switch (a) {
    case OutgoingAction::kRevise:
      return "revise";
    case OutgoingAction::kSubmit:
      return "submit";
    case OutgoingAction::kPass:
      return "pass";
    case OutgoingAction::kReturn:
      return "return";
    case OutgoingAction::kApprove:
      return "approve";
    case OutgoingAction::kIssue:
      return "issue";
  }
  return "revise";
}

namespace {

// The one status an action starts from, and where it leads.
struct Transition {
  OutgoingStatus from, to;
};

Transition transition(OutgoingAction a) {
  switch (a) {
    case OutgoingAction::kRevise:
      return {OutgoingStatus::kDraft, OutgoingStatus::kDraft};
    case OutgoingAction::kSubmit:
      return {OutgoingStatus::kDraft, OutgoingStatus::kInReview};
    case OutgoingAction::kPass:
      return {OutgoingStatus::kInReview, OutgoingStatus::kInReview};
    case OutgoingAction::kReturn:
      return {OutgoingStatus::kInReview, OutgoingStatus::kDraft};
    case OutgoingAction::kApprove:
      return {OutgoingStatus::kInReview, OutgoingStatus::kApproved};
    case OutgoingAction::kIssue:
      return {OutgoingStatus::kApproved, OutgoingStatus::kIssued};
  }
  return {OutgoingStatus::kDraft, OutgoingStatus::kDraft};
}

}  // namespace

Result<OutgoingStatus> act_on_outgoing(OutgoingStatus status, int64_t version, int64_t seen_version,
                                       OutgoingAction action) {
  // The version first: a person who saw an older state is told to reload, whatever it is now.
  if (version != seen_version)
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  Transition t = transition(action);
  if (status != t.from)
    return Error::conflict("document.wrong_status",
                           fmt::format("Văn bản đang ở trạng thái \"{}\", không thực hiện được "
                                       "thao tác này.",
                                       status_label_vi(status)));
  return t.to;
}

}  // namespace tinhso::documents
