#include "feedback/lifecycle.h"

#include <algorithm>

namespace tinhso::feedback {
namespace {

struct StatusText {
  FeedbackStatus status;
  std::string_view name, label;
};

constexpr StatusText kStatusTexts[] = {
    {FeedbackStatus::kDraft, "draft", "Chưa đủ thông tin, chờ bổ sung"},
    {FeedbackStatus::kReceived, "received", "Đã gửi, chờ tiếp nhận"},
    {FeedbackStatus::kInProgress, "in_progress", "Đang xem xét, xử lý"},
    {FeedbackStatus::kAnswerDrafted, "answer_drafted", "Đã dự thảo trả lời, chờ lãnh đạo duyệt"},
    {FeedbackStatus::kAnswered, "answered", "Đã trả lời"},
    {FeedbackStatus::kClosed, "closed", "Đã kết thúc"},
    {FeedbackStatus::kRejected, "rejected", "Không tiếp nhận"},
    {FeedbackStatus::kForwardedOut, "forwarded_out", "Đã chuyển cơ quan có thẩm quyền ngoài tỉnh"},
    {FeedbackStatus::kRoutedAsComplaint, "routed_as_complaint",
     "Chuyển xử lý theo pháp luật về khiếu nại, tố cáo"},
    {FeedbackStatus::kMerged, "merged", "Đã gộp với phản ánh, kiến nghị cùng nội dung"},
    {FeedbackStatus::kCaseAccepted, "case_accepted",
     "Đã thụ lý, đang giải quyết khiếu nại, tố cáo"},
    {FeedbackStatus::kCaseDeclined, "case_declined", "Không thụ lý khiếu nại, tố cáo"},
    {FeedbackStatus::kCaseDecided, "case_decided", "Đã giải quyết khiếu nại, tố cáo"},
};

struct ActionText {
  FeedbackAction action;
  std::string_view name, label;
};

constexpr ActionText kActionTexts[] = {
    {FeedbackAction::kComplete, "complete", "Bổ sung thông tin"},
    {FeedbackAction::kRegister, "register", "Tiếp nhận, phân loại và chuyển xử lý"},
    {FeedbackAction::kReject, "reject", "Không tiếp nhận"},
    {FeedbackAction::kForwardOut, "forward_out", "Chuyển cơ quan có thẩm quyền ngoài tỉnh"},
    {FeedbackAction::kRouteComplaint, "route_complaint", "Chuyển xử lý như khiếu nại, tố cáo"},
    {FeedbackAction::kTransfer, "transfer", "Chuyển đơn vị có thẩm quyền khác"},
    {FeedbackAction::kAssign, "assign", "Giao cán bộ xử lý"},
    {FeedbackAction::kExtend, "extend", "Gia hạn trả lời"},
    {FeedbackAction::kDraftAnswer, "draft_answer", "Dự thảo trả lời"},
    {FeedbackAction::kReturnDraft, "return_draft", "Trả lại dự thảo"},
    {FeedbackAction::kApprove, "approve", "Duyệt và gửi trả lời"},
    {FeedbackAction::kRate, "rate", "Đánh giá mức độ hài lòng"},
    {FeedbackAction::kReopen, "reopen", "Không đồng ý, đề nghị xem xét lại"},
    {FeedbackAction::kClose, "close", "Kết thúc"},
    {FeedbackAction::kMerge, "merge", "Gộp vào phản ánh, kiến nghị cùng nội dung"},
    {FeedbackAction::kAsk, "ask", "Đề nghị người gửi cung cấp thêm thông tin"},
    {FeedbackAction::kReply, "reply", "Người gửi cung cấp thêm thông tin"},
    {FeedbackAction::kAcceptCase, "accept_case", "Thụ lý giải quyết khiếu nại, tố cáo"},
    {FeedbackAction::kDeclineCase, "decline_case", "Không thụ lý khiếu nại, tố cáo"},
    {FeedbackAction::kExtendCase, "extend_case", "Gia hạn giải quyết tố cáo"},
    {FeedbackAction::kDecideCase, "decide_case", "Ban hành quyết định, kết luận giải quyết"},
};

const StatusText& text_of(FeedbackStatus s) {
  return *std::find_if(std::begin(kStatusTexts), std::end(kStatusTexts),
                       [&](const StatusText& t) { return t.status == s; });
}

const ActionText& text_of(FeedbackAction a) {
  return *std::find_if(std::begin(kActionTexts), std::end(kActionTexts),
                       [&](const ActionText& t) { return t.action == a; });
}

Error wrong_state(FeedbackStatus s, FeedbackAction a) {
  return Error::conflict("feedback.wrong_state",
                         std::string("Không thể \"") + std::string(text_of(a).label) +
                             "\" khi phản ánh, kiến nghị đang ở trạng thái \"" +
                             std::string(text_of(s).label) + "\".");
}

}  // namespace

std::string_view status_name(FeedbackStatus s) {
  return text_of(s).name;
}
std::string_view status_label_vi(FeedbackStatus s) {
  return text_of(s).label;
}
std::string_view action_name(FeedbackAction a) {
  return text_of(a).name;
}
std::string_view action_label_vi(FeedbackAction a) {
  return text_of(a).label;
}

std::optional<FeedbackStatus> parse_status(std::string_view s) {
  for (const auto& t : kStatusTexts)
    if (t.name == s) return t.status;
  return std::nullopt;
}

std::optional<FeedbackAction> parse_action(std::string_view s) {
  for (const auto& t : kActionTexts)
    if (t.name == s) return t.action;
  return std::nullopt;
}

std::string_view event_label_vi(std::string_view action) {
  if (auto a = parse_action(action)) return action_label_vi(*a);
  if (action == "attach") return "Bổ sung tệp đính kèm";
  if (action == "follow") return "Xử lý cùng phản ánh, kiến nghị đã gộp";
  return action == "enter" ? "Cán bộ tiếp nhận ghi nhận" : "Gửi phản ánh, kiến nghị";
}

std::string_view kind_label_vi(std::string_view kind) {
  return kind == "petition" ? "Kiến nghị" : "Phản ánh";
}

std::string_view channel_label_vi(std::string_view c) {
  if (c == "hotline") return "Đường dây nóng";
  if (c == "in_person") return "Trực tiếp";
  if (c == "post") return "Qua bưu chính";
  if (c == "email") return "Thư điện tử";
  if (c == "app") return "Ứng dụng kết nối (Open311)";
  return "Cổng thông tin";
}

bool is_open(FeedbackStatus s) {
  return s == FeedbackStatus::kReceived || s == FeedbackStatus::kInProgress ||
         s == FeedbackStatus::kAnswerDrafted;
}

bool is_open_case(FeedbackStatus s) {
  return s == FeedbackStatus::kRoutedAsComplaint || s == FeedbackStatus::kCaseAccepted;
}

bool accepts_files(FeedbackStatus s, bool by_sender) {
  return is_open(s) || (by_sender && s == FeedbackStatus::kDraft);
}

bool is_routed_case(FeedbackStatus s) {
  return s == FeedbackStatus::kRoutedAsComplaint || s == FeedbackStatus::kCaseAccepted ||
         s == FeedbackStatus::kCaseDeclined || s == FeedbackStatus::kCaseDecided;
}

bool is_sender_action(FeedbackAction a) {
  return a == FeedbackAction::kComplete || a == FeedbackAction::kRate ||
         a == FeedbackAction::kReopen || a == FeedbackAction::kReply;
}

Result<FeedbackStatus> next_status(FeedbackStatus s, FeedbackAction a, const ItemFacts& facts) {
  using S = FeedbackStatus;
  using A = FeedbackAction;
  switch (a) {
    case A::kComplete:
      if (s != S::kDraft) return wrong_state(s, a);
      if (!facts.complete)
        return Error::validation("sender",
                                 "Cần đủ họ tên, địa chỉ và số điện thoại hoặc thư điện tử của "
                                 "người gửi, và nội dung phản ánh, kiến nghị.");
      return S::kReceived;
    case A::kRegister:
    case A::kReject:
    case A::kForwardOut:
    case A::kRouteComplaint:
      if (s != S::kReceived) return wrong_state(s, a);
      if (a == A::kRegister) return S::kInProgress;
      if (a == A::kReject) return S::kRejected;
      if (a == A::kForwardOut) return S::kForwardedOut;
      return S::kRoutedAsComplaint;
    case A::kTransfer:
    case A::kAssign:
    case A::kExtend:
      if (s != S::kInProgress) return wrong_state(s, a);
      return S::kInProgress;
    case A::kDraftAnswer:
      if (s != S::kInProgress) return wrong_state(s, a);
      return S::kAnswerDrafted;
    case A::kReturnDraft:
      if (s != S::kAnswerDrafted) return wrong_state(s, a);
      return S::kInProgress;
    case A::kApprove:
      if (s != S::kAnswerDrafted) return wrong_state(s, a);
      return S::kAnswered;
    case A::kRate:
    case A::kClose:
      if (s != S::kAnswered) return wrong_state(s, a);
      return S::kClosed;
    case A::kReopen:
      if (s != S::kAnswered) return wrong_state(s, a);
      if (facts.reopened)
        return Error::conflict("feedback.reopened_once",
                               "Phản ánh, kiến nghị này đã được xem xét lại một lần; không thể "
                               "đề nghị xem xét lại nữa.");
      return S::kInProgress;
    case A::kMerge:
      if (s != S::kReceived && s != S::kInProgress) return wrong_state(s, a);
      return S::kMerged;
    case A::kAsk:
      if (s != S::kReceived && s != S::kInProgress) return wrong_state(s, a);
      if (facts.asked)
        return Error::conflict("feedback.question_pending",
                               "Người gửi chưa trả lời câu hỏi trước; chờ trả lời trước khi hỏi "
                               "thêm.");
      return s;
    case A::kReply:
      if (!is_open(s)) return wrong_state(s, a);
      if (!facts.asked)
        return Error::conflict("feedback.no_question",
                               "Không có câu hỏi nào đang chờ người gửi trả lời.");
      return s;
    case A::kAcceptCase:
    case A::kDeclineCase:
      if (s != S::kRoutedAsComplaint) return wrong_state(s, a);
      return a == A::kAcceptCase ? S::kCaseAccepted : S::kCaseDeclined;
    case A::kExtendCase:
    case A::kDecideCase:
      if (s != S::kCaseAccepted) return wrong_state(s, a);
      return a == A::kExtendCase ? S::kCaseAccepted : S::kCaseDecided;
  }
  return Error::internal("unknown feedback action");
}

}  // namespace tinhso::feedback
