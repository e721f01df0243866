#include "reporting/indicators.h"

#include <cmath>

#include "core/base/json.h"
#include "core/base/text.h"

namespace tinhso::reporting {
namespace {

using boost::json::object;

constexpr IndicatorDef kDefs[] = {
    {"onestop.online", "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến",
     "Hồ sơ tiếp nhận trực tuyến", "Hồ sơ tiếp nhận trong kỳ"},
    {"onestop.on_time", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
     "Hồ sơ giải quyết trước và đúng hạn", "Hồ sơ đã giải quyết trong kỳ"},
    {"onestop.satisfaction",
     "Tỷ lệ người dân, doanh nghiệp hài lòng về việc giải quyết thủ tục "
     "hành chính",
     "Đánh giá hài lòng", "Lượt đánh giá"},
    {"onestop.online_payment", "Tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến",
     "Hồ sơ thanh toán trực tuyến", "Hồ sơ có phí, lệ phí"},
    {"onestop.digitised_results", "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa",
     "Kết quả được số hóa", "Hồ sơ đã giải quyết trong kỳ"},
    {"documents.electronic", "Tỷ lệ văn bản đến, đi dưới dạng điện tử", "Văn bản đến, đi điện tử",
     "Văn bản đến, đi trong kỳ"},
    {"documents.signed", "Tỷ lệ văn bản đi được ký số", "Văn bản đi ký số", "Văn bản đi trong kỳ"},
    {"reporting.sent", "Tỷ lệ báo cáo định kỳ gửi qua Hệ thống thông tin báo cáo",
     "Báo cáo đã gửi qua hệ thống", "Báo cáo đến hạn trong kỳ"},
};

}  // namespace

std::span<const IndicatorDef> indicator_defs() {
  return kDefs;
}

const IndicatorDef* find_indicator(std::string_view code) {
  for (const auto& d : kDefs)
    if (d.code == code) return &d;
  return nullptr;
}

Result<Target> read_target(std::string_view code, const boost::json::value& body) {
  if (find_indicator(code) == nullptr) return Error::not_found("Không có chỉ tiêu này.");
  json::FieldReader r(body);
  Target t;
  t.indicator = std::string(code);
  auto percent = r.optional_number("percent", 0, 100);
  if (!percent && !r.failed()) r.fail("percent", "Nhập mức chỉ tiêu (phần trăm, từ 0 đến 100).");
  // Hundredths of a percent, as shares are judged (and never "-0").
  t.percent = std::round(percent.value_or(0) * 100) / 100 + 0.0;
  t.source = std::string(text::trim(r.optional_string("source", 500).value_or("")));
  // A source of spaces or invisible characters names nothing.
  if (text::trim(text::fold(t.source)).empty())
    r.fail("source", "Nêu văn bản đặt ra chỉ tiêu (ví dụ kế hoạch chuyển đổi số của tỉnh).");
  TS_TRY(r.finish());
  return t;
}

object target_json(const Target& t) {
  return object{{"percent", t.percent},
                {"source", t.source},
                {"updated_at", format_rfc3339(from_millis(t.updated_at))}};
}

object indicators_json(const Measured& measured, const Targets& targets) {
  boost::json::array items;
  int64_t judged = 0, met = 0;
  for (const auto& d : kDefs) {
    Fraction f;
    if (auto it = measured.find(d.code); it != measured.end()) f = it->second;
    object o{{"code", d.code},
             {"label", d.label},
             {"numerator_label", d.numerator},
             {"denominator_label", d.denominator},
             {"numerator", f.numerator},
             {"denominator", f.denominator}};
    std::optional<double> share;
    if (f.denominator > 0)
      share = static_cast<double>(f.numerator) / static_cast<double>(f.denominator);
    o["value"] = share ? boost::json::value(*share) : boost::json::value(nullptr);
    auto t = targets.find(d.code);
    o["target"] = t == targets.end() ? boost::json::value(nullptr) : target_json(t->second);
    if (share && t != targets.end()) {
      // Compared in whole hundredths of a percent, so that 9 of 10 meets a target of 90 %
      // whatever the binary rounding of 0.9.
      bool ok = std::llround(*share * 10000) >= std::llround(t->second.percent * 100);
      o["met"] = ok;
      ++judged;
      met += ok ? 1 : 0;
    } else {
      o["met"] = nullptr;
    }
    items.push_back(std::move(o));
  }
  return object{{"items", std::move(items)}, {"judged", judged}, {"met", met}};
}

}  // namespace tinhso::reporting
