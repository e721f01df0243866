// ReportingService's DHIS2 exchange (dhis2.h): exporting a period's stored values as a
// dataValueSet, and importing one — checked value by value, grouped by report, saved as drafts
// through the same `save` as the screen (its checks, audit entry and timeline), with DHIS2's
// import summary (counts and conflicts) in Vietnamese.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/base/text.h"
#include "core/identity/org_tree.h"
#include "reporting/access.h"
#include "reporting/dhis2.h"
#include "reporting/service.h"

namespace tinhso::reporting {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kMaxImportValues = 200'000;

std::string value_text(const CellValue& v) {
  if (!v.number) return v.text;
  double d = *v.number;
  if (std::floor(d) == d && std::fabs(d) < 9e15) return std::to_string(static_cast<int64_t>(d));
  return fmt::format("{}", d);
}

const identity::UnitInfo* unit_by(const identity::OrgTree& org, const std::string& ref) {
  if (const auto* u = org.find_by_code(ref)) return u;
  int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec == std::errc() && end == ref.data() + ref.size()) return org.find(id);
  return nullptr;
}

// A value's name in conflicts, as the sender wrote it.
std::string object_of(const dhis2::DataValue& v) {
  return v.combo.empty() ? v.data_element : v.data_element + "/" + v.combo;
}

}  // namespace

Result<object> ReportingService::data_value_set(const identity::Principal& who, int64_t regime_id,
                                                std::string_view period) {
  auto org = s_.org.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto g, load_regime(tx, regime_id));
    std::set<int64_t> visible;
    if (g) {
      for (int64_t u : reporters_of(*g, *org))
        if (check_view(s_.authorizer, who, *g, u).ok()) visible.insert(u);
    }
    if (visible.empty()) return Error::not_found("Không tìm thấy chế độ báo cáo.");
    TS_ASSIGN_OR_RETURN(auto p, dhis2::read_period(g->period_type, period));
    TS_ASSIGN_OR_RETURN(auto reports, reports_of(tx, regime_id, {p.id()}));
    std::map<int64_t, FormDef> forms;  // by version
    array values;
    for (const auto& r : reports) {
      if (!visible.contains(r.unit_id)) continue;
      if (!forms.contains(r.form_version)) {
        TS_ASSIGN_OR_RETURN(auto f, load_form(tx, g->form_code, r.form_version));
        if (!f) return Error::internal("a report names a missing form version");
        forms.emplace(r.form_version, std::move(*f));
      }
      const FormDef& f = forms.at(r.form_version);
      const auto* unit = org->find(r.unit_id);
      TS_ASSIGN_OR_RETURN(auto stored, load_values(tx, r.id));
      for (const auto& row : f.rows) {
        for (const auto& c : f.columns) {
          if (is_computed(row, c)) continue;  // the form's arithmetic, not data
          auto it = stored.find(cell_key(row.code, c.code));
          if (it == stored.end()) continue;
          values.push_back(object{{"dataElement", row.code},
                                  {"categoryOptionCombo", c.code},
                                  {"orgUnit", unit ? unit->code : std::to_string(r.unit_id)},
                                  {"period", dhis2::period_id(p)},
                                  {"value", value_text(it->second)}});
        }
      }
    }
    return object{
        {"dataSet", g->code}, {"period", dhis2::period_id(p)}, {"dataValues", std::move(values)}};
  });
}

Result<object> ReportingService::import_data_value_set(const identity::Principal& who,
                                                       const audit::Actor& actor, int64_t regime_id,
                                                       const boost::json::value& body,
                                                       const ImportOptions& options) {
  TS_ASSIGN_OR_RETURN(auto set, dhis2::read_data_value_set(body, kMaxImportValues));
  const std::vector<dhis2::DataValue>& incoming = set.values;
  TS_ASSIGN_OR_RETURN(auto regime,
                      s_.db.read([&](storage::Tx& tx) { return load_regime(tx, regime_id); }));
  if (!regime) return Error::not_found("Không tìm thấy chế độ báo cáo.");
  auto org = s_.org.get();

  // Conflicts are told, up to a point: a set of 200,000 bad values must not answer with as many.
  constexpr std::size_t kMaxConflicts = dhis2::kMaxProblems;
  array conflicts;
  std::size_t conflicts_total = 0;
  auto add_conflict = [&](std::string_view what, std::string why) {
    ++conflicts_total;
    if (conflicts.size() < kMaxConflicts)
      conflicts.push_back(dhis2::conflict(what, std::move(why)));
  };
  // Entries that are not values at all (no element, no value, a value that is not a string or
  // a number) are conflicts like the rest: atomicMode=NONE still takes the good ones.
  for (auto& problem : set.problems)
    if (conflicts.size() < kMaxConflicts) conflicts.push_back(std::move(problem));
  conflicts_total += set.problems_total;
  int64_t ignored = static_cast<int64_t>(set.bad_entries);
  // Values by report (period id, unit), in the order they came.
  std::map<std::pair<std::string, int64_t>, std::vector<const dhis2::DataValue*>> groups;
  for (const auto& v : incoming) {
    const auto* unit = unit_by(*org, v.org_unit);
    if (unit == nullptr) {
      add_conflict(v.org_unit, "Không có đơn vị với mã này.");
      ++ignored;
      continue;
    }
    auto p = dhis2::read_period(regime->period_type, v.period);
    if (!p.ok()) {
      add_conflict(v.period, fmt::format("Kỳ không hợp lệ cho chế độ báo cáo {} (loại kỳ: {}).",
                                         regime->code, period_type_label_vi(regime->period_type)));
      ++ignored;
      continue;
    }
    groups[{p->id(), unit->id}].push_back(&v);
  }

  struct Pending {
    std::string period;
    int64_t unit = 0;
    object values;
    int64_t version = 0;
    int64_t imported = 0, updated = 0, deleted = 0;
  };
  std::vector<Pending> pending;
  for (const auto& [key, list] : groups) {
    const std::string& period = key.first;
    const int64_t unit = key.second;
    const std::size_t count = list.size();
    const std::string unit_code = org->find(unit)->code;
    auto refuse_all = [&](const std::string& why) {
      add_conflict(unit_code, fmt::format("Kỳ {}: {}", period, why));
      ignored += static_cast<int64_t>(count);
    };
    auto l = load(who, regime_id, period, unit);
    if (!l.ok()) {
      refuse_all(l.error().message());
      continue;
    }
    if (!check_action(s_.authorizer, who, l->regime, unit, ReportAction::kSave).ok()) {
      refuse_all("Không có quyền nhập số liệu báo cáo của đơn vị này.");
      continue;
    }
    if (auto why = entry_refusal(*l)) {
      refuse_all(*why);
      continue;
    }

    Pending p{period, unit, {}, l->report.version};
    for (const auto& row : l->form.rows)
      for (const auto& c : l->form.columns) {
        auto it = l->values.find(cell_key(row.code, c.code));
        if (!is_computed(row, c) && it != l->values.end())
          p.values[it->first] = values_json(Values{*it}).at(it->first);
      }
    std::set<std::string> seen;  // cells already given a value in this set
    for (const auto* v : list) {
      auto cell = dhis2::cell_of(l->form, *v);
      if (!cell) {
        add_conflict(object_of(*v), fmt::format("Biểu {} không có chỉ tiêu, ô này.", l->form.code));
        ++ignored;
        continue;
      }
      if (!seen.insert(*cell).second) {
        add_conflict(object_of(*v),
                     "Ô này đã có giá trị ở phần tử trước trong cùng bộ; chỉ gửi "
                     "một giá trị cho mỗi ô.");
        ++ignored;
        continue;
      }
      const FormColumn* column = l->form.column(cell->substr(cell->find('.') + 1));
      bool had = p.values.contains(*cell);
      if (!v->value) {
        if (had) {
          p.values.erase(*cell);
          ++p.deleted;
        }
        continue;
      }
      // Checked alone, so that one bad value is named and the others still count.
      object single{{*cell, dhis2::cell_value(*column, *v->value)}};
      auto checked = read_values(l->form, single);
      if (!checked.ok()) {
        const auto& d = checked.error().details();
        const auto* fields = d.is_object() ? d.as_object().if_contains("fields") : nullptr;
        std::string why = fields != nullptr && fields->is_object() && !fields->as_object().empty()
                              ? std::string(fields->as_object().begin()->value().as_string())
                              : checked.error().message();
        std::string shown(text::prefix_utf8(*v->value, 60));
        if (shown.size() < v->value->size()) shown += "…";
        add_conflict(object_of(*v), fmt::format("\"{}\": {}", shown, why));
        ++ignored;
        continue;
      }
      p.values[*cell] = single.at(*cell);
      ++(had ? p.updated : p.imported);
    }
    pending.push_back(std::move(p));
  }

  auto summary = [&](const char* status, std::string description, int64_t imported, int64_t updated,
                     int64_t deleted) {
    return object{{"responseType", "ImportSummary"},
                  {"status", status},
                  {"description", std::move(description)},
                  {"dryRun", options.dry_run},
                  {"importCount", object{{"imported", imported},
                                         {"updated", updated},
                                         {"ignored", ignored},
                                         {"deleted", deleted}}},
                  {"conflicts", conflicts},
                  {"conflictsTotal", static_cast<int64_t>(conflicts_total)}};
  };
  int64_t imported = 0, updated = 0, deleted = 0;
  for (const auto& p : pending) {
    imported += p.imported;
    updated += p.updated;
    deleted += p.deleted;
  }
  if (options.atomic && conflicts_total > 0) {
    ignored = static_cast<int64_t>(incoming.size() + set.bad_entries);
    std::string message = fmt::format(
        "Không nhập giá trị nào: có {} xung đột (atomicMode=ALL). Sửa các giá trị được nêu rồi "
        "gửi lại.",
        conflicts_total);
    return Error::conflict("reporting.import_conflicts", message,
                           summary("ERROR", message, 0, 0, 0));
  }
  bool unsaved = false;
  if (!options.dry_run) {
    for (const auto& p : pending) {
      ActionInput in;
      in.action = ReportAction::kSave;
      in.values = p.values;
      in.version = p.version;
      in.source = "Nhập số liệu qua dataValueSets (DHIS2).";
      auto saved = act(who, actor, regime_id, p.period, p.unit, in);
      if (saved.ok()) continue;
      // Changed by someone else between the check and the save (everything save refuses was
      // checked above): this report's values are not taken; the others stand.
      std::string why = saved.error().code() == "report.stale"
                            ? "báo cáo vừa được người khác thay đổi trong lúc nhập; gửi lại các "
                              "giá trị của báo cáo này."
                            : saved.error().message();
      add_conflict(org->find(p.unit)->code, fmt::format("Kỳ {}: {}", p.period, why));
      imported -= p.imported;
      updated -= p.updated;
      deleted -= p.deleted;
      ignored += p.imported + p.updated + p.deleted;
      unsaved = true;
    }
  }
  std::string description =
      options.dry_run ? "Kiểm tra thử (dryRun): chưa lưu gì."
      : unsaved ? "Đã lưu nháp các báo cáo không có xung đột; báo cáo có xung đột chưa được "
                  "lưu (xem danh sách)."
                : "Đã nhập, lưu nháp từng báo cáo.";
  return summary(conflicts_total == 0 ? "SUCCESS" : "WARNING", std::move(description), imported,
                 updated, deleted);
}

}  // namespace tinhso::reporting
