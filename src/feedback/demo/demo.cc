#include "feedback/demo/demo.h"

#include <fmt/format.h>

#include "core/base/text.h"
#include "core/demo/names.h"
#include "core/demo/officials.h"
#include "core/demo/rng.h"
#include "core/identity/accounts.h"
#include "core/identity/actor_of.h"
#include "core/identity/org_tree.h"
#include "feedback/module.h"

namespace tinhso::feedback::demo {
namespace {

struct Sample {
  const char* category;  // feedback_categories.code
  const char* unit;      // the competent unit, by a part of its name
  const char* title;
  const char* content;
  const char* proposal;  // a petition's proposal; null for a reflection
  const char* answer;
};

constexpr Sample kSamples[] = {
    {"ha_tang", "Xây dựng", "Đèn tín hiệu giao thông hỏng tại ngã tư",
     "Đèn tín hiệu tại ngã tư đường Lê Lợi - Trần Phú không hoạt động ba ngày nay, giờ cao điểm "
     "rất dễ xảy ra va chạm.",
     nullptr,
     "Sở đã chỉ đạo đơn vị quản lý sửa chữa, đèn tín hiệu hoạt động trở lại từ ngày làm việc kế "
     "tiếp. Cảm ơn Ông/Bà đã phản ánh."},
    {"moi_truong", "Môi trường", "Rác thải tập kết sai nơi quy định",
     "Khu đất trống cạnh chợ thường xuyên bị đổ rác, bốc mùi hôi ảnh hưởng các hộ dân xung quanh.",
     "Đề nghị bố trí điểm tập kết rác có mái che và tăng tần suất thu gom.",
     "Đã phối hợp với đơn vị thu gom bố trí điểm tập kết và thu gom hằng ngày; UBND phường tăng "
     "cường kiểm tra, xử lý vi phạm."},
    {"thu_tuc", "Tư pháp", "Thời gian cấp Phiếu lý lịch tư pháp",
     "Tôi nộp hồ sơ cấp Phiếu lý lịch tư pháp đã quá hẹn hai ngày nhưng chưa nhận được kết quả.",
     nullptr,
     "Hồ sơ của Ông/Bà cần xác minh thêm tại cơ quan công an; Sở đã gửi văn bản xin lỗi và hẹn "
     "lại ngày trả kết quả theo quy định."},
    {"can_bo", "Nội vụ", "Thái độ phục vụ tại bộ phận một cửa",
     "Cán bộ tiếp nhận hồ sơ trả lời thiếu nhiệt tình, không hướng dẫn đầy đủ giấy tờ cần bổ sung.",
     "Đề nghị niêm yết rõ danh mục giấy tờ và tập huấn kỹ năng giao tiếp cho cán bộ.",
     "Sở đã kiểm tra, nhắc nhở cán bộ liên quan và chỉ đạo niêm yết đầy đủ thành phần hồ sơ tại "
     "quầy."},
    {"dat_dai", "Môi trường", "Chậm cấp giấy chứng nhận quyền sử dụng đất",
     "Gia đình tôi nộp hồ sơ đăng ký đất đai lần đầu đã hơn hai tháng chưa có kết quả.", nullptr,
     "Hồ sơ đang được đo đạc bổ sung do có chênh lệch diện tích; Văn phòng đăng ký đất đai sẽ "
     "trả kết quả trong tháng này."},
    {"y_te_giao_duc", "Y tế", "Quá tải tại trạm y tế",
     "Trạm y tế thường xuyên đông người vào buổi sáng, người cao tuổi phải chờ lâu.",
     "Đề nghị bố trí khám theo hẹn giờ qua điện thoại.",
     "Sở Y tế đã chỉ đạo triển khai đặt lịch khám qua tổng đài và ưu tiên người cao tuổi."},
};

}  // namespace

Result<std::string> build(Module& module, const DemoContext& context) {
  auto& m = static_cast<Feedback&>(module);
  Services& s = m.services();
  FeedbackService& service = m.service();
  tinhso::demo::Rng rng(context.seed ^ 0xFEEDBAC4ull);
  TS_ASSIGN_OR_RETURN(auto admin, tinhso::demo::official(s.db, "admin"));
  TS_ASSIGN_OR_RETURN(auto clerk, tinhso::demo::official(s.db, "vanthu.ubndtinh"));
  TS_ASSIGN_OR_RETURN(auto categories, service.categories());
  auto category_id = [&](std::string_view code) -> int64_t {
    for (const auto& c : categories)
      if (c.at("code").as_string() == code) return c.at("id").as_int64();
    return categories.front().at("id").as_int64();
  };
  auto org = s.org.get();
  auto unit_named = [&](std::string_view part) -> int64_t {
    std::string f = text::fold(part);
    for (int64_t root : org->roots())
      for (int64_t c : org->children(root)) {
        const auto* u = org->find(c);
        if (u != nullptr && u->active && text::fold(u->name).find(f) != std::string::npos)
          return u->id;
      }
    return 0;
  };
  const Instant real_now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto saved_offset = s.clock.offset();
  auto at = [&](Instant t) {
    s.clock.set_offset(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::min(t, real_now) - real_now));
  };
  int made = 0, answered = 0;
  int days = std::max(1, days_between(context.from, context.until));
  // In step with the one-stop history asked for (`tinhso demo --dossiers`): none without it, so
  // that an installation made for tests has no demo senders to notify.
  const int items = std::min(48, context.dossiers / 20);
  Status failed = ok_status();
  for (int i = 0; i < items && failed.ok(); ++i) {
    const Sample& sample = kSamples[static_cast<std::size_t>(i) % std::size(kSamples)];
    // Spread over the period, the newest ones still open.
    Date day = add_days(context.until, -((items - 1 - i) * std::min(days, 180) / items));
    Instant t = local_instant(day, 8 * 60 + static_cast<int>(rng.between(0, 480)));
    at(t);
    Submission sub;
    sub.kind = sample.proposal ? "petition" : "reflection";
    sub.category_id = category_id(sample.category);
    sub.title = sample.title;
    sub.content = sample.content;
    if (sample.proposal) sub.proposal = sample.proposal;
    sub.sender.name = tinhso::demo::person_name(rng, rng.chance(0.5));
    sub.sender.address = "Tỉnh An Khang";
    sub.sender.phone = fmt::format("09{:08}", 1000000 + i);
    audit::Actor person;
    person.kind = "anonymous";
    person.name = *sub.sender.name;
    auto sent = service.submit(nullptr, person, sub);
    if (!sent.ok()) {
      failed = sent.error();
      break;
    }
    ++made;
    // 1 rejected, 2 at the unit, 3 drafted, 4 answered but withheld, 5 answered, 6 rated,
    // 7 reopened; the newest wait for reception.
    int stage = i % 8 == 0 ? 2 : i % 8;
    if (i >= items - 6) continue;
    auto step = [&](const identity::Principal& who, FeedbackAction a, Instant when,
                    ActionInput in) -> Result<int64_t> {
      at(when);
      TS_ASSIGN_OR_RETURN(auto item, s.db.read([&](storage::Tx& tx) {
        return find_item_by_code(tx, sent->item.code);
      }));
      in.action = a;
      in.expected_version = item->version;
      TS_ASSIGN_OR_RETURN(auto o, service.act(who, identity::actor_of(who), item->id, in));
      return o.at("version").as_int64();
    };
    Instant next = t + std::chrono::hours(20);
    ActionInput reg;
    if (stage == 1) {
      reg.note =
          "Nội dung không thuộc thẩm quyền giải quyết của tỉnh; đề nghị Ông/Bà liên hệ cơ "
          "quan trung ương có thẩm quyền.";
      auto r = step(clerk, FeedbackAction::kReject, next, reg);
      if (!r.ok()) failed = r.error();
      continue;
    }
    int64_t unit = unit_named(sample.unit);
    reg.unit_id = unit != 0 ? unit : unit_named("Tư pháp");
    if (auto r = step(clerk, FeedbackAction::kRegister, next, reg); !r.ok()) {
      failed = r.error();
      continue;
    }
    if (stage == 2) continue;  // at the unit, being looked into
    ActionInput draft;
    draft.answer = sample.answer;
    next += std::chrono::hours(24 * (2 + rng.between(0, 8)));
    if (auto r = step(admin, FeedbackAction::kDraftAnswer, next, draft); !r.ok()) {
      failed = r.error();
      continue;
    }
    if (stage == 3) continue;  // waiting for the leader
    ActionInput approve;
    approve.publish = stage != 4;
    if (!approve.publish)
      approve.withheld_reason = "Nội dung liên quan đến thông tin cá nhân của người khác.";
    next += std::chrono::hours(4);
    if (auto r = step(admin, FeedbackAction::kApprove, next, approve); !r.ok()) {
      failed = r.error();
      continue;
    }
    ++answered;
    if (stage == 5) continue;
    at(next + std::chrono::hours(30));
    ActionInput rate;
    rate.action = stage == 7 ? FeedbackAction::kReopen : FeedbackAction::kRate;
    rate.rating = 3 + rng.between(0, 2);
    rate.note = stage == 7 ? std::optional<std::string>("Tình trạng vẫn chưa được khắc phục.")
                           : std::optional<std::string>("Cảm ơn cơ quan đã giải quyết.");
    auto r = service.sender_act(sent->item.code, sent->token, nullptr, person, rate);
    if (!r.ok()) failed = r.error();
  }
  s.clock.set_offset(saved_offset);
  TS_TRY(failed);
  return fmt::format("{} phản ánh, kiến nghị ({} đã trả lời)", made, answered);
}

}  // namespace tinhso::feedback::demo
