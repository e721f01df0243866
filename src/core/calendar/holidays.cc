#include "core/calendar/holidays.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/base/json.h"
#include "core/calendar/lunar.h"

namespace tinhso::calendar {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

bool WeeklyDays::is_working(Date d) const {
  return std::find(working.begin(), working.end(), iso_weekday(d)) != working.end();
}

namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return Date{year(y), month(m), day(d)};
}

}  // namespace

YearDays statutory_days(int y, const WeeklyDays& weekly) {
  YearDays out;
  out.year = y;
  out.source = "Bộ luật Lao động 2019, Điều 112 (tính theo quy định, chưa có thông báo chính thức)";
  std::vector<SpecialDay> holidays;
  auto add = [&](Date d, std::string name) {
    holidays.push_back({d, DayKind::kOff, std::move(name)});
  };

  add(ymd(y, 1, 1), "Tết Dương lịch");
  // Tết Nguyên đán: the last day of the old lunar year and the first four days of the new.
  if (auto tet = to_solar(LunarDate{1, 1, y, false})) {
    add(add_days(*tet, -1), "Tết Nguyên đán (cuối năm Âm lịch)");
    for (int i = 0; i < 4; ++i)
      add(add_days(*tet, i), fmt::format("Tết Nguyên đán (mùng {})", i + 1));
  }
  if (auto gio_to = to_solar(LunarDate{10, 3, y, false}))
    add(*gio_to, "Giỗ Tổ Hùng Vương (10/3 Âm lịch)");
  add(ymd(y, 4, 30), "Ngày Chiến thắng (30/4)");
  add(ymd(y, 5, 1), "Ngày Quốc tế Lao động (1/5)");
  // Quốc khánh: 2/9 and one adjacent day — the one that joins a weekend when possible.
  Date national = ymd(y, 9, 2);
  int wd = iso_weekday(national);
  bool before = wd == 2 || wd == 3 || wd == 5 || wd == 6;
  add(before ? ymd(y, 9, 1) : national, before ? "Quốc khánh (ngày liền kề)" : "Quốc khánh (2/9)");
  add(before ? national : ymd(y, 9, 3), before ? "Quốc khánh (2/9)" : "Quốc khánh (ngày liền kề)");
  std::sort(holidays.begin(), holidays.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days(a.date) < std::chrono::sys_days(b.date);
  });

  std::set<std::chrono::sys_days> taken;
  for (const auto& h : holidays) taken.insert(std::chrono::sys_days(h.date));
  std::vector<SpecialDay> days = holidays;
  for (const auto& h : holidays) {
    if (weekly.is_working(h.date)) continue;
    // Compensatory day: the next working day that is not already a day off.
    Date d = add_days(h.date, 1);
    for (int guard = 0; guard < 30; ++guard, d = add_days(d, 1)) {
      if (weekly.is_working(d) && !taken.contains(std::chrono::sys_days(d))) break;
    }
    taken.insert(std::chrono::sys_days(d));
    days.push_back({d, DayKind::kOff, fmt::format("Nghỉ bù ({})", h.name)});
  }
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days(a.date) < std::chrono::sys_days(b.date);
  });
  out.days = std::move(days);
  return out;
}

Result<YearDays> parse_year_decision(const boost::json::value& v) {
  json::FieldReader r(v);
  YearDays y;
  y.official = true;
  y.year = static_cast<int>(r.required_int("year", 1900, 2200));
  y.source = r.required_string("source", 500);
  auto read_list = [&](std::string_view key, DayKind kind) {
    const auto* arr = r.optional_array(key, 400);
    if (arr == nullptr) return;
    for (const auto& item : *arr) {
      json::FieldReader ir(item);
      std::string date = ir.required_string("date", 10);
      std::string name = ir.required_string("name", 200);
      auto d = parse_iso_date(date);
      if (ir.failed() || !d.ok()) {
        r.fail(key, fmt::format("Mục \"{}\" không hợp lệ (cần date YYYY-MM-DD và name).", date));
        continue;
      }
      if (static_cast<int>(d->year()) != y.year) {
        r.fail(key, fmt::format("Ngày {} không thuộc năm {}.", date, y.year));
        continue;
      }
      y.days.push_back({*d, kind, name});
    }
  };
  read_list("days_off", DayKind::kOff);
  read_list("work_days", DayKind::kWork);
  TS_TRY(r.finish());
  std::sort(y.days.begin(), y.days.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days(a.date) < std::chrono::sys_days(b.date);
  });
  for (std::size_t i = 1; i < y.days.size(); ++i) {
    if (y.days[i].date == y.days[i - 1].date) {
      return Error::validation("days_off", fmt::format("Ngày {} được khai báo hai lần.",
                                                       format_iso_date(y.days[i].date)));
    }
  }
  return y;
}

Result<std::vector<YearDays>> parse_decisions(std::string_view json_text) {
  TS_ASSIGN_OR_RETURN(auto doc, json::parse(json_text));
  std::vector<YearDays> out;
  if (!doc.is_object() || !doc.as_object().contains("years") || !doc.at("years").is_array()) {
    return Error::invalid("Tệp quyết định lịch nghỉ cần có mảng \"years\".");
  }
  for (const auto& item : doc.at("years").as_array()) {
    TS_ASSIGN_OR_RETURN(auto y, parse_year_decision(item));
    out.push_back(std::move(y));
  }
  return out;
}

boost::json::object year_days_to_json(const YearDays& y) {
  boost::json::object o;
  o["year"] = y.year;
  o["source"] = y.source;
  o["official"] = y.official;
  boost::json::array off, work;
  for (const auto& d : y.days) {
    boost::json::object item{{"date", format_iso_date(d.date)}, {"name", d.name}};
    (d.kind == DayKind::kOff ? off : work).push_back(std::move(item));
  }
  o["days_off"] = std::move(off);
  o["work_days"] = std::move(work);
  return o;
}

}  // namespace tinhso::calendar
