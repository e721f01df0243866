#include "reporting/demo/demo.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/resources.h"
#include "core/demo/officials.h"
#include "core/identity/actor_of.h"
#include "core/identity/org_tree.h"
#include "reporting/module.h"

namespace tinhso::reporting::demo {

Result<std::string> build(Module& module, const DemoContext& /*context*/) {
  auto& m = static_cast<Reporting&>(module);
  Services& s = m.services();
  TS_ASSIGN_OR_RETURN(auto admin, tinhso::demo::official(s.db, "admin"));
  auto actor = identity::actor_of(admin);
  auto text = resources::get("resources/reporting/bieu-06-vpcp-kstt.json");
  if (!text) return Error::internal("Biểu 06/VPCP/KSTT missing from the resources");
  TS_ASSIGN_OR_RETURN(auto body, json::parse(*text));
  TS_ASSIGN_OR_RETURN(auto form, read_form(body));
  TS_ASSIGN_OR_RETURN(auto made, m.service().create_form(admin, actor, form));

  auto org = s.org.get();
  const identity::UnitInfo* office = nullptr;
  for (int64_t root : org->roots())
    for (int64_t c : org->children(root))
      if (const auto* u = org->find(c); u && u->name == "Văn phòng Ủy ban nhân dân tỉnh")
        office = u;
  if (office == nullptr) return Error::internal("the demo's provincial office is missing");
  Regime g;
  g.code = "KSTT-QUY";
  g.name = "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính hằng quý của UBND cấp xã";
  g.legal_basis =
      "Nghị định 09/2019/NĐ-CP (chốt số liệu theo Điều 12); Thông tư 01/2020/TT-VPCP (Biểu "
      "06/VPCP/KSTT)";
  g.form_code = form.code;
  g.form_version = made.at("version").as_int64();
  g.period_type = PeriodType::kQuarter;
  g.cutoff_day = 15;
  g.deadline = Deadline{Deadline::Kind::kWorkingDaysAfterCutoff, 3, 0, 0};
  g.lock_days = 30;
  g.receiver_unit_id = office->id;
  g.reporter_level = "commune";
  TS_ASSIGN_OR_RETURN(auto regime, m.service().create_regime(admin, actor, g));

  // Targets as the provinces' plans word them (docs/reporting.md); the rest have none, as a
  // province that has not set them yet.
  constexpr std::string_view kPlan = "Kế hoạch chuyển đổi số tỉnh An Khang (dữ liệu mẫu)";
  const std::pair<std::string_view, double> targets[] = {{"onestop.online", 35},
                                                         {"onestop.satisfaction", 90},
                                                         {"documents.electronic", 90},
                                                         {"reporting.sent", 90}};
  for (const auto& [code, percent] : targets)
    TS_TRY(m.service().set_target(admin, actor, code,
                                  boost::json::object{{"percent", percent}, {"source", kPlan}}));
  return fmt::format(
      "Demo reporting: {} and the regime {} ({} reporting units); {} indicator targets.",
      form.title, g.code, regime.at("reporters").as_int64(), std::size(targets));
}

}  // namespace tinhso::reporting::demo
