#include "feedback/notices.h"

#include <fmt/format.h>

namespace tinhso::feedback {
namespace {

// "hết ngày 05/06/2026": the day a deadline ends (at midnight after it, or at the cut-off).
std::string until(const std::optional<Instant>& due) {
  if (!due) return "";
  return "hết ngày " + format_vn_date(local_date(*due - std::chrono::milliseconds(1)));
}

}  // namespace

std::vector<outbox::Message> sender_notices(FeedbackAction action, const Item& item,
                                            const std::string& unit_name,
                                            const std::optional<std::string>& reason,
                                            const NotifyConfig& notify,
                                            const std::string& public_url) {
  std::string text;
  switch (action) {
    case FeedbackAction::kRegister:
      text = fmt::format("Phản ánh, kiến nghị {} đã được tiếp nhận và chuyển {} xử lý.", item.code,
                         unit_name);
      break;
    case FeedbackAction::kApprove:
      text = fmt::format("Phản ánh, kiến nghị {} đã có trả lời của {}.", item.code, unit_name);
      if (item.published && !public_url.empty())
        text += fmt::format(" Xem tại {}/phan-anh/theo-doi/{}", public_url, item.code);
      break;
    case FeedbackAction::kReject:
    case FeedbackAction::kForwardOut:
      text = fmt::format("Phản ánh, kiến nghị {}: {}. Lý do: {}", item.code,
                         status_label_vi(item.status), reason.value_or(""));
      break;
    case FeedbackAction::kMerge:
      text = fmt::format(
          "Phản ánh, kiến nghị {} có cùng nội dung với phản ánh, kiến nghị khác nên "
          "được gộp để xem xét, trả lời chung ({}).",
          item.code, reason.value_or(""));
      break;
    case FeedbackAction::kRouteComplaint:
      text = fmt::format("{} {} được chuyển xử lý theo {}. Lý do: {}. Thời hạn thụ lý: {}.",
                         item.suspected == "denunciation" ? "Tố cáo" : "Khiếu nại", item.code,
                         item.suspected == "denunciation" ? "Luật Tố cáo" : "Luật Khiếu nại",
                         reason.value_or(""), until(item.due_at));
      break;
    case FeedbackAction::kAcceptCase:
    case FeedbackAction::kExtendCase:
      text = fmt::format(
          "{} {} {}; thời hạn giải quyết: {}.",
          item.suspected == "denunciation" ? "Tố cáo" : "Khiếu nại", item.code,
          action == FeedbackAction::kAcceptCase ? "đã được thụ lý" : "được gia hạn giải quyết",
          until(item.due_at));
      break;
    case FeedbackAction::kDeclineCase:
      text = fmt::format("{} {} không được thụ lý. Lý do: {}",
                         item.suspected == "denunciation" ? "Tố cáo" : "Khiếu nại", item.code,
                         reason.value_or(""));
      break;
    case FeedbackAction::kDecideCase:
      text = fmt::format("{} {} đã có {}.",
                         item.suspected == "denunciation" ? "Tố cáo" : "Khiếu nại", item.code,
                         item.suspected == "denunciation" ? "kết luận nội dung tố cáo"
                                                          : "quyết định giải quyết khiếu nại");
      break;
    case FeedbackAction::kAsk:
      text = fmt::format(
          "Phản ánh, kiến nghị {}: đề nghị Ông/Bà cung cấp thêm thông tin: {}. "
          "Vui lòng trả lời qua đường dẫn theo dõi đã nhận khi gửi.",
          item.code, item.question.value_or(""));
      break;
    default:
      return {};
  }
  std::vector<outbox::Message> out;
  std::string key = fmt::format("{}-v{}", item.code, item.version);
  if (!notify.smtp_url.empty() && item.sender_email) {
    out.push_back({"email", *item.sender_email,
                   boost::json::object{{"subject", "Phản ánh, kiến nghị " + item.code},
                                       {"body", text},
                                       {"feedback_code", item.code},
                                       {"event", action_name(action)}},
                   "feedback-email-" + key, "feedback", std::to_string(item.id)});
  }
  if (!notify.sms_webhook_url.empty() && item.sender_phone) {
    out.push_back({"sms", *item.sender_phone,
                   boost::json::object{{"to", *item.sender_phone},
                                       {"message", text},
                                       {"feedback_code", item.code},
                                       {"event", action_name(action)}},
                   "feedback-sms-" + key, "feedback", std::to_string(item.id)});
  }
  return out;
}

}  // namespace tinhso::feedback
