#include "feedback/feedback_input.h"

#include <algorithm>
#include <cmath>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/accounts.h"
#include "core/identity/agency_code.h"

namespace tinhso::feedback {
namespace {

Sender read_sender(json::FieldReader& outer, const boost::json::object* o) {
  Sender s;
  if (o == nullptr) return s;
  json::FieldReader r(*o);
  s.name = r.optional_string("name", 200);
  s.address = r.optional_string("address", 500);
  auto phone = r.optional_string("phone", 30);
  if (phone) {
    s.phone = identity::normalize_phone(*phone);
    if (!s.phone) outer.fail("sender.phone", "Số điện thoại không hợp lệ.");
  }
  s.email = r.optional_string("email", 200);
  if (s.email) s.email = text::to_lower_ascii(*s.email);  // one address, however it is typed
  if (s.email && !identity::plausible_email(*s.email))
    outer.fail("sender.email", "Địa chỉ thư điện tử không hợp lệ.");
  if (auto st = r.finish(); !st.ok()) {
    const auto* details = st.error().details().if_object();
    const auto* fields = details ? details->if_contains("fields") : nullptr;
    if (fields != nullptr && fields->is_object()) {
      for (const auto& [k, v] : fields->as_object())
        outer.fail("sender." + std::string(k), v.is_string() ? std::string(v.as_string()) : "");
    } else {
      outer.fail("sender", st.error().message());
    }
  }
  return s;
}

}  // namespace

Result<Submission> read_submission(const boost::json::value& body, bool official) {
  json::FieldReader r(body);
  Submission s;
  s.kind = r.optional_string("kind", 20).value_or("reflection");
  if (std::find(std::begin(kKinds), std::end(kKinds), s.kind) == std::end(kKinds))
    r.fail("kind", "Chọn phản ánh hoặc kiến nghị.");
  // A form sends 0 when no category was chosen: say what to do rather than a range (a type error
  // already recorded for the key is kept).
  s.category_id = r.optional_int("category_id", INT64_MIN, INT64_MAX).value_or(0);
  if (s.category_id <= 0) r.fail("category_id", "Chọn lĩnh vực phản ánh, kiến nghị.");
  if (official) {
    s.channel = r.optional_string("channel", 20).value_or("");
    if (s.channel == "portal" || s.channel == "app" ||
        std::find(std::begin(kChannels), std::end(kChannels), s.channel) == std::end(kChannels))
      r.fail("channel",
             "Chọn kênh tiếp nhận: đường dây nóng, trực tiếp, bưu chính hoặc thư điện tử.");
  }
  s.title = r.required_string("title", 200);
  s.content = r.required_string("content", 10000);
  s.proposal = r.optional_string("proposal", 5000);
  if (s.kind == "petition" && !s.proposal)
    r.fail("proposal", "Kiến nghị cần nêu đề xuất, giải pháp của người gửi.");
  s.sender = read_sender(r, r.optional_object("sender"));
  s.location = r.optional_string("location", 300);
  auto lat = r.optional_number("latitude", -90, 90);
  auto lon = r.optional_number("longitude", -180, 180);
  if (lat.has_value() != lon.has_value()) r.fail("latitude", "Cần cả vĩ độ và kinh độ.");
  if (lat && lon) {
    s.latitude_e6 = static_cast<int64_t>(std::llround(*lat * 1e6));
    s.longitude_e6 = static_cast<int64_t>(std::llround(*lon * 1e6));
  }
  s.dossier_code = r.optional_string("dossier_code", 40);
  TS_TRY(r.finish());
  return s;
}

Result<ActionInput> read_action(const boost::json::value& body, bool sender) {
  json::FieldReader r(body);
  ActionInput in;
  std::string name = r.required_string("action", 40);
  auto action = parse_action(name);
  if (!name.empty() && !action) r.fail("action", "Thao tác không hợp lệ.");
  if (action) in.action = *action;
  if (action && sender != is_sender_action(*action))
    r.fail("action", sender ? "Thao tác này dành cho cán bộ xử lý."
                            : "Thao tác này dành cho người gửi phản ánh, kiến nghị.");
  if (!sender) in.expected_version = r.required_int("expected_version", 1, INT64_MAX);
  in.note = r.optional_string("note", 4000);
  in.unit_id = r.optional_int("unit_id", 1, INT64_MAX);
  in.assignee_id = r.optional_int("assignee_id", 1, INT64_MAX);
  in.category_id = r.optional_int("category_id", 1, INT64_MAX);
  in.kind = r.optional_enum("kind", {"reflection", "petition"});
  in.answer = r.optional_string("answer", 20000);
  in.publish = r.optional_bool("publish").value_or(true);
  in.withheld_reason = r.optional_string("withheld_reason", 1000);
  in.rating = r.optional_int("rating", 1, 5);
  in.extend_days = r.optional_int("extend_days", 1, 60);
  in.sender = read_sender(r, r.optional_object("sender"));
  in.content = r.optional_string("content", 10000);
  in.main_code = r.optional_string("main_code", 40);
  in.case_kind = r.optional_enum("case_kind", {"complaint", "denunciation"});
  in.complex = r.optional_bool("complex").value_or(false);
  in.remote = r.optional_bool("remote").value_or(false);
  in.very_complex = r.optional_bool("very_complex").value_or(false);
  in.agency_code = r.optional_string("agency_code", 20);
  in.agency_name = r.optional_string("agency_name", 300);
  if (in.agency_code && !identity::parse_agency_code(*in.agency_code))
    r.fail("agency_code", "Mã định danh cơ quan \"" + *in.agency_code +
                              "\" không đúng QCVN 102:2016 (ví dụ 000.00.00.H48).");
  if (in.agency_code && !in.agency_name) r.fail("agency_name", "Cần tên cơ quan nhận.");
  if (in.agency_name && !in.agency_code) r.fail("agency_code", "Cần mã định danh cơ quan nhận.");
  if (in.agency_code && action && *action != FeedbackAction::kForwardOut)
    r.fail("agency_code", "Chỉ ghi cơ quan nhận khi chuyển cơ quan có thẩm quyền ngoài tỉnh.");
  if (action) {
    using A = FeedbackAction;
    switch (*action) {
      case A::kReject:
      case A::kForwardOut:
      case A::kRouteComplaint:
      case A::kReturnDraft:
      case A::kReopen:
      case A::kExtend:
      case A::kDeclineCase:
      case A::kExtendCase:
        if (!in.note) r.fail("note", "Cần nêu lý do.");
        break;
      case A::kDecideCase:
        if (!in.answer)
          r.fail("answer", "Cần nội dung quyết định giải quyết khiếu nại hoặc kết luận tố cáo.");
        break;
      case A::kRegister:
      case A::kTransfer:
        if (!in.unit_id) r.fail("unit_id", "Chọn đơn vị có thẩm quyền xử lý.");
        break;
      case A::kAsk:
        if (!in.note) r.fail("note", "Cần nội dung câu hỏi gửi người phản ánh, kiến nghị.");
        break;
      case A::kReply:
        if (!in.note) r.fail("note", "Cần nội dung trả lời câu hỏi.");
        break;
      case A::kMerge:
        if (!in.main_code)
          r.fail("main_code", "Cần mã phản ánh, kiến nghị chính để gộp vào (PAKN-…).");
        break;
      case A::kAssign:
        if (!in.assignee_id) r.fail("assignee_id", "Chọn cán bộ xử lý.");
        break;
      case A::kDraftAnswer:
        if (!in.answer) r.fail("answer", "Cần nội dung trả lời.");
        break;
      case A::kApprove:
        if (!in.publish && !in.withheld_reason)
          r.fail("withheld_reason", "Cần nêu lý do không công khai nội dung trả lời.");
        break;
      case A::kRate:
        if (!in.rating) r.fail("rating", "Chọn mức đánh giá từ 1 đến 5.");
        break;
      default:
        break;
    }
    if (*action == A::kExtend && !in.extend_days)
      r.fail("extend_days", "Cần số ngày làm việc gia hạn (1 đến 60).");
  }
  TS_TRY(r.finish());
  return in;
}

}  // namespace tinhso::feedback
