#include "documents/incoming_lifecycle.h"

namespace tinhso::documents {
namespace {

// The value of `all` whose name is `s`.
template <class Enum, std::size_t N, class NameOf>
std::optional<Enum> parse_by_name(std::string_view s, const Enum (&all)[N], NameOf name_of) {
  for (Enum e : all)
    if (name_of(e) == s) return e;
  return std::nullopt;
}

}  // namespace
std::string_view status_name(IncomingStatus s) {
  switch (s) {
    case IncomingStatus::kRegistered:
      return "registered";
    case IncomingStatus::kAssigned:
      return "assigned";
    case IncomingStatus::kDone:
      return "done";
  }
  return "registered";
}

std::string_view status_label_vi(IncomingStatus s) {
  switch (s) {
    case IncomingStatus::kRegistered:
      return "Chờ giao xử lý";
    case IncomingStatus::kAssigned:
      return "Đang xử lý";
    case IncomingStatus::kDone:
      return "Đã xử lý xong";
  }
  return "Chờ giao xử lý";
}

std::string_view status_name(AssignmentStatus s) {
  switch (s) {
    case AssignmentStatus::kOpen:
      return "open";
    case AssignmentStatus::kForwarded:
      return "forwarded";
    case AssignmentStatus::kDone:
      return "done";
  }
  return "open";
}

std::string_view status_label_vi(AssignmentStatus s) {
  switch (s) {
    case AssignmentStatus::kOpen:
      return "Đang xử lý";
    case AssignmentStatus::kForwarded:
      return "Đã chuyển";
    case AssignmentStatus::kDone:
      return "Đã hoàn thành";
  }
  return "Đang xử lý";
}

std::string_view role_name(AssignmentRole r) {
  switch (r) {
    case AssignmentRole::kLead:
      return "lead";
    case AssignmentRole::kCooperate:
      return "cooperate";
    case AssignmentRole::kInform:
      return "inform";
  }
  return "inform";
}

std::string_view role_label_vi(AssignmentRole r) {
  switch (r) {
    case AssignmentRole::kLead:
      return "Chủ trì";
    case AssignmentRole::kCooperate:
      return "Phối hợp";
    case AssignmentRole::kInform:
      return "Để biết";
  }
  return "Để biết";
}

std::optional<IncomingStatus> parse_incoming_status(std::string_view s) {
  return parse_by_name(s, kIncomingStatuses, [](IncomingStatus e) { return status_name(e); });
}

std::optional<AssignmentStatus> parse_assignment_status(std::string_view s) {
  return parse_by_name(s, kAssignmentStatuses, [](AssignmentStatus e) { return status_name(e); });
}

std::optional<AssignmentRole> parse_assignment_role(std::string_view s) {
  return parse_by_name(s, kAssignmentRoles, [](AssignmentRole e) { return role_name(e); });
}

Result<IncomingStatus> assign_document(IncomingStatus status, int64_t version,
                                       int64_t seen_version) {
  if (status != IncomingStatus::kRegistered)
    return Error::conflict("document.stale", "Văn bản đã được giao xử lý.");
  if (version != seen_version)
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  return IncomingStatus::kAssigned;
}

Result<AssignmentOutcome> act_on_assignment(AssignmentStatus status, AssignmentRole role,
                                            AssignmentAction action) {
  if (status != AssignmentStatus::kOpen)
    return Error::conflict("document.stale",
                           "Việc này đã được chuyển hoặc đã hoàn thành. Vui lòng tải lại.");
  if (action == AssignmentAction::kForward) return AssignmentOutcome{AssignmentStatus::kForwarded};
  if (role == AssignmentRole::kInform)
    return Error::conflict("document.wrong_status",
                           "Văn bản gửi để biết không cần đánh dấu hoàn thành.");
  return AssignmentOutcome{AssignmentStatus::kDone, role == AssignmentRole::kLead};
}

}  // namespace tinhso::documents
