#include "reporting/regimes.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "core/base/json.h"

namespace tinhso::reporting {
namespace {

using boost::json::array;
using boost::json::object;

}  // namespace

Result<Deadline> read_deadline(const boost::json::value& v) {
  json::FieldReader r(v);
  Deadline d;
  auto kind = r.required_enum("kind", {"working_days_after_cutoff", "day_of_month", "date"});
  if (kind == "date") {
    d.kind = Deadline::Kind::kDate;
    if (auto day = r.optional_date("date"))
      d.date = *day;
    else
      r.fail("date", "Cần ngày hết hạn gửi báo cáo (YYYY-MM-DD).");
  } else if (kind == "day_of_month") {
    d.kind = Deadline::Kind::kDayOfMonth;
    d.month_offset = static_cast<int>(r.optional_int("month_offset", -11, 12).value_or(0));
    d.day = static_cast<int>(r.required_int("day", 1, 28));
  } else {
    d.working_days = static_cast<int>(r.required_int("working_days", 1, 60));
  }
  TS_TRY(r.finish());
  return d;
}

boost::json::object deadline_json(const Deadline& d) {
  if (d.kind == Deadline::Kind::kDate)
    return object{{"kind", "date"}, {"date", format_iso_date(d.date)}};
  if (d.kind == Deadline::Kind::kDayOfMonth)
    return object{{"kind", "day_of_month"}, {"month_offset", d.month_offset}, {"day", d.day}};
  return object{{"kind", "working_days_after_cutoff"}, {"working_days", d.working_days}};
}

Result<Regime> read_regime(const boost::json::value& body, const identity::OrgTree& org) {
  json::FieldReader r(body);
  Regime g;
  g.code = r.required_string("code", 40);
  g.name = r.required_string("name", 300);
  g.legal_basis = r.optional_string("legal_basis", 500).value_or("");
  g.form_code = r.required_string("form_code", 40);
  g.form_version = r.required_int("form_version", 1, INT32_MAX);
  auto type = r.required_enum("period_type",
                              {"month", "quarter", "half_year", "nine_months", "year", "once"});
  const bool type_known = parse_period_type(type).has_value();
  if (type_known) g.period_type = *parse_period_type(type);
  g.cutoff_day = static_cast<int>(r.optional_int("cutoff_day", 1, 28).value_or(15));
  g.lock_days = static_cast<int>(r.optional_int("lock_days", 0, 3650).value_or(0));
  g.receiver_unit_id = r.required_int("receiver_unit_id", 1, INT64_MAX);
  g.reporter_units = r.optional_ids("reporter_unit_ids", 5000, "Mã đơn vị không hợp lệ.");
  g.approver_units = r.optional_ids("approver_unit_ids", 100, "Mã đơn vị không hợp lệ.");
  g.reporter_level = r.optional_string("reporter_level", 40).value_or("");
  g.active = r.optional_bool("active").value_or(true);
  g.version = r.optional_int("version", 1, INT64_MAX).value_or(1);
  bool deadline_read = false;
  if (const auto* d = r.optional_object("deadline")) {
    auto deadline = read_deadline(boost::json::value(*d));
    deadline_read = deadline.ok();
    if (deadline.ok())
      g.deadline = *deadline;
    else
      r.fail("deadline",
             "Thời hạn gửi: working_days_after_cutoff (1–60 ngày làm việc), day_of_month "
             "(ngày 1–28, month_offset) hoặc date (ngày cụ thể, cho báo cáo một lần).");
  } else {
    r.fail("deadline", "Cần thời hạn gửi báo cáo.");
  }
  // A report asked once states the dates its data cover and the day to send by; a periodic one
  // counts both from its periods.
  // Dates as periods know them (years 2000–2200), a window of at most ten years (what the
  // statistics it is filled from read) and a day to send within a year of its end.
  auto in_range = [](Date d) { return d >= make_date(2000, 1, 1) && d <= make_date(2200, 12, 31); };
  bool once = g.period_type == PeriodType::kOnce;
  if (const auto* w = r.optional_object("window")) {
    json::FieldReader wr(*w);
    auto from = wr.optional_date("from");
    auto to = wr.optional_date("to");
    if (!wr.finish().ok() || !from || !to || *to < *from || !in_range(*from) || !in_range(*to))
      r.fail("window",
             "Số liệu báo cáo tính từ ngày (from) đến ngày (to), YYYY-MM-DD trong các năm "
             "2000–2200, from ≤ to.");
    else if (days_between(*from, *to) > 3660)
      r.fail("window", "Khoảng số liệu của báo cáo một lần dài tối đa 10 năm.");
    else if (type_known && !once)
      r.fail("window", "Chỉ báo cáo một lần (chuyên đề, đột xuất) nêu khoảng số liệu riêng.");
    else
      g.window = Window{*from, *to};
  } else if (once) {
    r.fail("window", "Báo cáo một lần cần khoảng thời gian lấy số liệu (from, to).");
  }
  if (!type_known || !deadline_read) {
    // Mixing is judged only on a known type and a deadline that was read.
  } else if (once != (g.deadline.kind == Deadline::Kind::kDate)) {
    r.fail("deadline", once ? "Báo cáo một lần cần thời hạn gửi là một ngày cụ thể (date)."
                            : "Báo cáo định kỳ tính thời hạn theo kỳ, không theo một ngày cụ thể.");
  } else if (once && g.window &&
             (g.deadline.date < g.window->to ||
              days_between(g.window->to, g.deadline.date) > 366)) {
    r.fail("deadline",
           "Thời hạn gửi phải từ ngày cuối của khoảng số liệu trở đi, trong vòng một năm.");
  }
  const auto* receiver = org.find(g.receiver_unit_id);
  if (g.receiver_unit_id != 0 && (receiver == nullptr || !receiver->active))
    r.fail("receiver_unit_id", "Đơn vị nhận báo cáo không tồn tại hoặc đã kết thúc.");
  for (int64_t u : g.reporter_units) {
    const auto* unit = org.find(u);
    if (unit == nullptr || !unit->active) {
      r.fail("reporter_unit_ids", fmt::format("Đơn vị {} không tồn tại hoặc đã kết thúc.", u));
      break;
    }
  }
  if (g.approver_units.size() > kMaxApprovers) {
    r.fail("approver_unit_ids",
           fmt::format("Tối đa {} cấp duyệt sau đơn vị nhận báo cáo.", kMaxApprovers));
  } else {
    std::set<int64_t> seen{g.receiver_unit_id};
    for (int64_t u : g.approver_units) {
      const auto* unit = org.find(u);
      if (unit == nullptr || !unit->active) {
        r.fail("approver_unit_ids", fmt::format("Đơn vị {} không tồn tại hoặc đã kết thúc.", u));
        break;
      }
      if (!seen.insert(u).second) {
        r.fail("approver_unit_ids",
               fmt::format("{} đã có trong chuỗi duyệt: mỗi đơn vị duyệt một cấp.", unit->name));
        break;
      }
    }
  }
  if (!g.reporter_level.empty() && org.level(g.reporter_level) == nullptr)
    r.fail("reporter_level", "Cấp hành chính không có trong danh mục.");
  if (g.reporter_units.empty() && g.reporter_level.empty())
    r.fail("reporter_unit_ids", "Cần ít nhất một đơn vị báo cáo (hoặc một cấp).");
  TS_TRY(r.finish());
  return g;
}

boost::json::object regime_json(const Regime& g, const identity::OrgTree& org) {
  const auto* receiver = org.find(g.receiver_unit_id);
  array reporters;
  for (int64_t u : g.reporter_units) reporters.push_back(u);
  // Every level, the receiver first, as people read the chain a report climbs.
  array levels;
  for (int level = 0; level < approval_levels(g); ++level) {
    const auto* u = org.find(approver_at(g, level));
    levels.push_back(object{
        {"level", level + 1}, {"unit_id", approver_at(g, level)}, {"unit", u ? u->name : ""}});
  }
  array approvers(g.approver_units.begin(), g.approver_units.end());
  return object{
      {"id", g.id},
      {"code", g.code},
      {"name", g.name},
      {"legal_basis", g.legal_basis},
      {"form_code", g.form_code},
      {"form_version", g.form_version},
      {"period_type", period_type_name(g.period_type)},
      {"period_type_label", period_type_label_vi(g.period_type)},
      {"cutoff_day", g.cutoff_day},
      {"deadline", deadline_json(g.deadline)},
      {"window", g.window ? boost::json::value(object{{"from", format_iso_date(g.window->from)},
                                                      {"to", format_iso_date(g.window->to)}})
                          : boost::json::value(nullptr)},
      {"lock_days", g.lock_days},
      {"receiver", object{{"id", g.receiver_unit_id}, {"name", receiver ? receiver->name : ""}}},
      {"approver_unit_ids", std::move(approvers)},
      {"approval_levels", std::move(levels)},
      {"reporter_unit_ids", std::move(reporters)},
      {"reporter_level", g.reporter_level},
      {"reporters", static_cast<int64_t>(reporters_of(g, org).size())},
      {"active", g.active},
      {"version", g.version}};
}

std::vector<int64_t> reporters_of(const Regime& g, const identity::OrgTree& org) {
  std::vector<int64_t> out;
  std::set<int64_t> listed(g.reporter_units.begin(), g.reporter_units.end());
  auto lineage = org.lineage(g.receiver_unit_id);
  int64_t province = lineage.empty() ? g.receiver_unit_id : lineage.back();
  std::function<void(int64_t)> walk = [&](int64_t id) {
    const auto* u = org.find(id);
    if (u == nullptr) return;
    bool by_level = !g.reporter_level.empty() && u->active && u->level == g.reporter_level &&
                    org.is_committee(*u);
    if (listed.contains(id) || by_level) out.push_back(id);
    for (int64_t c : org.children(id)) walk(c);
  };
  walk(province);
  // Listed units outside the receiver's province still report.
  for (int64_t u : g.reporter_units)
    if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
  return out;
}

int approval_levels(const Regime& g) {
  return 1 + static_cast<int>(g.approver_units.size());
}

int64_t approver_at(const Regime& g, int level) {
  if (level <= 0 || g.approver_units.empty()) return g.receiver_unit_id;
  size_t i = std::min(static_cast<size_t>(level), g.approver_units.size());
  return g.approver_units[i - 1];
}

bool asked_for(const Regime& g, Date due) {
  return due >= local_date(from_millis(g.created_at));
}

Window window_of(const Regime& g, const Period& p) {
  if (p.type == PeriodType::kOnce) return g.window.value_or(Window{});
  return cutoff_window(p, g.cutoff_day);
}

Date due_date(const Regime& g, const Period& p, const calendar::WorkingCalendar& cal) {
  if (g.deadline.kind == Deadline::Kind::kDate) return g.deadline.date;
  if (g.deadline.kind == Deadline::Kind::kDayOfMonth) {
    int months = p.year * 12 + (p.last_month() - 1) + g.deadline.month_offset;
    return make_date(months / 12, months % 12 + 1, g.deadline.day);
  }
  Date d = window_of(g, p).to;
  for (int n = 0; n < g.deadline.working_days;) {
    d = add_days(d, 1);
    if (cal.is_working_day(d)) ++n;
  }
  return d;
}

std::optional<Date> lock_date(const Regime& g, const Period& p,
                              const calendar::WorkingCalendar& cal) {
  if (g.lock_days <= 0) return std::nullopt;
  return add_days(due_date(g, p, cal), g.lock_days);
}

std::vector<Period> open_periods(const Regime& g, Date today) {
  if (g.period_type == PeriodType::kOnce) return {Period{PeriodType::kOnce, 0, 1}};
  Period now = period_containing(g.period_type, today, g.cutoff_day);
  Period one = previous(now);
  return {previous(one), one, now};
}

}  // namespace tinhso::reporting
