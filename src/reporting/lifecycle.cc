#include "reporting/lifecycle.h"

namespace tinhso::reporting {
namespace {

struct StatusText {
  ReportStatus status;
  std::string_view name, label;
};

constexpr StatusText kStatusTexts[] = {
    {ReportStatus::kNone, "none", "Chưa lập"},
    {ReportStatus::kDraft, "draft", "Đang lập"},
    {ReportStatus::kSubmitted, "submitted", "Đã gửi, chờ duyệt"},
    {ReportStatus::kReturned, "returned", "Bị trả lại, cần sửa"},
    {ReportStatus::kEndorsed, "endorsed", "Đã duyệt một cấp, chờ cấp trên duyệt"},
    {ReportStatus::kApproved, "approved", "Đã duyệt"},
};

struct ActionText {
  ReportAction action;
  std::string_view name, label;
};

constexpr ActionText kActionTexts[] = {
    {ReportAction::kSave, "save", "Lưu nháp"},
    {ReportAction::kSubmit, "submit", "Gửi báo cáo"},
    {ReportAction::kReturn, "return", "Trả lại để sửa"},
    {ReportAction::kApprove, "approve", "Duyệt báo cáo"},
    {ReportAction::kReopen, "reopen", "Mở lại báo cáo đã duyệt"},
    {ReportAction::kUnlock, "unlock", "Cho phép nhập sau thời hạn khóa"},
};

Error refused(std::string code, std::string message) {
  return Error::conflict(std::move(code), std::move(message));
}

}  // namespace

std::string_view status_name(ReportStatus s) {
  for (const auto& t : kStatusTexts)
    if (t.status == s) return t.name;
  return "";
}
std::string_view status_label_vi(ReportStatus s) {
  for (const auto& t : kStatusTexts)
    if (t.status == s) return t.label;
  return "";
}
std::optional<ReportStatus> parse_status(std::string_view s) {
  for (const auto& t : kStatusTexts)
    if (t.name == s) return t.status;
  return std::nullopt;
}
std::string_view action_name(ReportAction a) {
  for (const auto& t : kActionTexts)
    if (t.action == a) return t.name;
  return "";
}
std::string_view action_label_vi(ReportAction a) {
  for (const auto& t : kActionTexts)
    if (t.action == a) return t.label;
  return "";
}
std::optional<ReportAction> parse_action(std::string_view s) {
  for (const auto& t : kActionTexts)
    if (t.name == s) return t.action;
  return std::nullopt;
}

bool is_editable(ReportStatus s) {
  return s == ReportStatus::kNone || s == ReportStatus::kDraft || s == ReportStatus::kReturned;
}

bool is_sent(ReportStatus s) {
  return s == ReportStatus::kSubmitted || s == ReportStatus::kEndorsed ||
         s == ReportStatus::kApproved;
}

bool is_entry_action(ReportAction a) {
  return a == ReportAction::kSave || a == ReportAction::kSubmit;
}

Result<ReportStatus> next_status(ReportStatus status, ReportAction action, const ReportFacts& f) {
  const bool editable = is_editable(status);
  switch (action) {
    case ReportAction::kSave:
    case ReportAction::kSubmit:
      if (!editable) {
        return status == ReportStatus::kApproved
                   ? refused("report.approved",
                             "Báo cáo đã được duyệt nên không sửa được nữa; lãnh đạo đơn vị duyệt "
                             "cuối cùng có thể mở lại nếu cần.")
                   : refused("report.submitted",
                             "Báo cáo đã gửi, đang chờ duyệt; chỉ sửa được khi bị trả lại.");
      }
      if (f.locked)
        return refused("report.locked",
                       "Kỳ báo cáo đã khóa; đơn vị nhận báo cáo có thể cho phép nhập tiếp.");
      if (action == ReportAction::kSave)
        return status == ReportStatus::kReturned ? ReportStatus::kReturned : ReportStatus::kDraft;
      if (f.has_errors)
        return Error(422, "report.invalid", "Báo cáo còn lỗi, chưa gửi được: xem từng ô được nêu.");
      if (f.unexplained_warnings)
        return Error(422, "report.warnings_unexplained",
                     "Báo cáo có số liệu cần giải trình: nhập ghi chú giải trình trước khi gửi.");
      return ReportStatus::kSubmitted;
    case ReportAction::kReturn:
      if (status != ReportStatus::kSubmitted && status != ReportStatus::kEndorsed)
        return refused("report.not_submitted", "Chỉ trả lại được báo cáo đã gửi, chờ duyệt.");
      return ReportStatus::kReturned;
    case ReportAction::kApprove:
      if (status != ReportStatus::kSubmitted && status != ReportStatus::kEndorsed)
        return refused("report.not_submitted", "Chỉ duyệt được báo cáo đã gửi, chờ duyệt.");
      return f.last_level ? ReportStatus::kApproved : ReportStatus::kEndorsed;
    case ReportAction::kReopen:
      if (status != ReportStatus::kApproved)
        return refused("report.not_approved", "Chỉ mở lại được báo cáo đã duyệt.");
      return ReportStatus::kReturned;
    case ReportAction::kUnlock:
      if (!editable)
        return refused("report.not_editable",
                       "Báo cáo này không ở trạng thái nhập liệu nên không cần mở khóa.");
      return status == ReportStatus::kNone ? ReportStatus::kDraft : status;
  }
  return Error::internal("unknown report action");
}

}  // namespace tinhso::reporting
