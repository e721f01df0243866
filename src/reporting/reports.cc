#include "reporting/reports.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/base/json.h"
#include "core/storage/query_builder.h"

namespace tinhso::reporting {
namespace {

constexpr std::string_view kRegimeColumns =
    "id, code, name, legal_basis, form_code, form_version, period_type, cutoff_day, deadline, "
    "lock_days, receiver_unit_id, reporters, active, version, created_at, data_window";

constexpr std::string_view kReportColumns =
    "id, regime_id, period, unit_id, form_version, status, comment, return_reason, due_at, "
    "unlocked_until, submitted_at, on_time, approved_at, approved_by, version, sent_version, "
    "approved_levels";

std::string reporters_text(const Regime& g) {
  boost::json::array ids;
  for (int64_t u : g.reporter_units) ids.push_back(u);
  return boost::json::serialize(
      boost::json::object{{"unit_ids", std::move(ids)}, {"level", g.reporter_level}});
}

Result<Regime> regime_from_row(const storage::Rows::Row& r) {
  Regime g;
  g.id = r.i64(0);
  g.code = r.str(1);
  g.name = r.str(2);
  g.legal_basis = r.str(3);
  g.form_code = r.str(4);
  g.form_version = r.i64(5);
  auto type = parse_period_type(r.view(6));
  if (!type) return Error::internal("unknown period type " + r.str(6));
  g.period_type = *type;
  g.cutoff_day = static_cast<int>(r.i64(7));
  TS_ASSIGN_OR_RETURN(auto deadline_json, json::parse(r.view(8)));
  TS_ASSIGN_OR_RETURN(g.deadline, read_deadline(deadline_json));
  g.lock_days = static_cast<int>(r.i64(9));
  g.receiver_unit_id = r.i64(10);
  TS_ASSIGN_OR_RETURN(auto reporters, json::parse(r.view(11)));
  if (const auto* o = reporters.if_object()) {
    if (const auto* ids = o->if_contains("unit_ids"); ids && ids->is_array())
      for (const auto& v : ids->as_array()) g.reporter_units.push_back(v.to_number<int64_t>());
    if (const auto* level = o->if_contains("level"); level && level->is_string())
      g.reporter_level = std::string(level->as_string());
  }
  g.active = r.boolean(12);
  g.version = r.i64(13);
  g.created_at = r.i64(14);
  if (!r.is_null(15)) {
    TS_ASSIGN_OR_RETURN(auto w, json::parse(r.view(15)));
    json::FieldReader wr(w);
    auto from = wr.optional_date("from");
    auto to = wr.optional_date("to");
    if (!from || !to) return Error::internal("regime " + g.code + ": bad data_window");
    g.window = Window{*from, *to};
  }
  return g;
}

// NULL for periodic regimes (a temporary: it lives to the end of the statement's call).
std::optional<std::string> window_param(const Regime& g) {
  if (!g.window) return std::nullopt;
  return boost::json::serialize(boost::json::object{{"from", format_iso_date(g.window->from)},
                                                    {"to", format_iso_date(g.window->to)}});
}

Report report_from_row(const storage::Rows::Row& r) {
  Report x;
  x.id = r.i64(0);
  x.regime_id = r.i64(1);
  x.period = r.str(2);
  x.unit_id = r.i64(3);
  x.form_version = r.i64(4);
  x.status = parse_status(r.view(5)).value_or(ReportStatus::kDraft);
  x.comment = r.str(6);
  x.return_reason = r.opt_str(7);
  x.due_at = r.i64(8);
  x.unlocked_until = r.opt_i64(9);
  x.submitted_at = r.opt_i64(10);
  if (!r.is_null(11)) x.on_time = r.boolean(11);
  x.approved_at = r.opt_i64(12);
  x.approved_by = r.opt_str(13);
  x.version = r.i64(14);
  x.sent_version = r.opt_i64(15);
  x.approved_levels = static_cast<int>(r.i64(16));
  return x;
}

Result<FormDef> form_from_text(std::string_view text, int64_t version) {
  TS_ASSIGN_OR_RETURN(auto v, json::parse(text));
  TS_ASSIGN_OR_RETURN(auto f, read_form(v));
  f.version = version;
  return f;
}

// The approving units of the regimes `by_id` holds, level 2 upwards in order.
Status load_approvers(storage::Tx& tx, std::map<int64_t, Regime*>& by_id,
                      std::optional<int64_t> only) {
  storage::QueryBuilder q("SELECT regime_id, unit_id FROM reporting_regime_approvers");
  if (only) q.add(" WHERE regime_id = " + q.bind(*only));
  q.add(" ORDER BY regime_id, level");
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  for (auto r : rows)
    if (auto it = by_id.find(r.i64(0)); it != by_id.end())
      it->second->approver_units.push_back(r.i64(1));
  return ok_status();
}

Status store_approvers(storage::Tx& tx, int64_t regime_id, const std::vector<int64_t>& units) {
  TS_TRY(tx.exec("DELETE FROM reporting_regime_approvers WHERE regime_id = $1", {regime_id}));
  for (size_t i = 0; i < units.size(); ++i)
    TS_TRY(tx.exec(
        "INSERT INTO reporting_regime_approvers (regime_id, level, unit_id) VALUES ($1, $2, $3)",
        {regime_id, static_cast<int64_t>(i) + 2, units[i]}));
  return ok_status();
}

}  // namespace

Result<bool> normalise_approvers(storage::Tx& tx, int64_t regime_id) {
  TS_ASSIGN_OR_RETURN(
      auto receiver,
      tx.query("SELECT receiver_unit_id FROM reporting_regimes WHERE id = $1", {regime_id}));
  if (receiver.empty()) return false;
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT unit_id FROM reporting_regime_approvers WHERE "
                                          "regime_id = $1 ORDER BY level",
                                          {regime_id}));
  std::set<int64_t> seen{receiver.front().i64(0)};
  std::vector<int64_t> kept;
  for (auto r : rows)
    if (seen.insert(r.i64(0)).second) kept.push_back(r.i64(0));
  if (kept.size() == rows.size()) return false;
  TS_TRY(store_approvers(tx, regime_id, kept));
  return true;
}

Result<int64_t> restart_approvals(storage::Tx& tx, int64_t regime_id, const ReportEvent& e) {
  // Those a level had endorsed lose something, and their timeline says so.
  TS_ASSIGN_OR_RETURN(
      auto endorsed,
      tx.query("SELECT id FROM reporting_reports WHERE regime_id = $1 AND status = $2",
               {regime_id, status_name(ReportStatus::kEndorsed)}));
  TS_TRY(
      tx.exec("UPDATE reporting_reports SET status = $2, approved_levels = 0, approved_at = NULL, "
              "approved_by = NULL, version = version + 1, updated_at = $3 WHERE regime_id = $1 AND "
              "status IN ($4, $2)",
              {regime_id, status_name(ReportStatus::kSubmitted), e.at,
               status_name(ReportStatus::kEndorsed)}));
  for (auto r : endorsed) TS_TRY(insert_report_event(tx, r.i64(0), e));
  return static_cast<int64_t>(endorsed.size());
}

Result<int64_t> insert_form(storage::Tx& tx, const FormDef& f, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(
      auto last,
      tx.query("SELECT COALESCE(MAX(version), 0) FROM reporting_forms WHERE code = $1", {f.code}));
  int64_t version = last.front().i64(0) + 1;
  auto def = form_json(f);
  def.erase("version");
  auto inserted = tx.exec(
      "INSERT INTO reporting_forms (code, version, title, definition, created_at) VALUES ($1, "
      "$2, $3, $4, $5)",
      {f.code, version, f.title, boost::json::serialize(def), now_ms});
  if (!inserted.ok() && inserted.error().code() == storage::kUniqueViolation)
    return Error::conflict("reporting.form_stale",
                           "Biểu mẫu vừa có phiên bản mới do người khác lưu. Vui lòng tải lại.");
  TS_TRY(inserted);
  return version;
}

Result<std::optional<FormDef>> load_form(storage::Tx& tx, std::string_view code, int64_t version) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT definition FROM reporting_forms WHERE code = $1 AND version = $2",
                          {code, version}));
  if (rows.empty()) return std::optional<FormDef>();
  TS_ASSIGN_OR_RETURN(auto f, form_from_text(rows.front().view(0), version));
  return std::optional<FormDef>(std::move(f));
}

Result<std::vector<FormDef>> load_latest_forms(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT f.definition, f.version FROM reporting_forms f WHERE f.version = (SELECT "
               "MAX(g.version) FROM reporting_forms g WHERE g.code = f.code) ORDER BY f.code",
               {}));
  std::vector<FormDef> out;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto f, form_from_text(r.view(0), r.i64(1)));
    out.push_back(std::move(f));
  }
  return out;
}

Result<int64_t> insert_regime(storage::Tx& tx, const Regime& g, int64_t now_ms) {
  auto id = tx.query(
      "INSERT INTO reporting_regimes (code, name, legal_basis, form_code, form_version, "
      "period_type, cutoff_day, deadline, lock_days, receiver_unit_id, reporters, active, "
      "version, created_at, updated_at, data_window) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, 1, $13, $13, $14) RETURNING id",
      {g.code, g.name, g.legal_basis, g.form_code, g.form_version, period_type_name(g.period_type),
       g.cutoff_day, boost::json::serialize(deadline_json(g.deadline)), g.lock_days,
       g.receiver_unit_id, reporters_text(g), g.active ? 1 : 0, now_ms, window_param(g)});
  if (!id.ok() && id.error().code() == storage::kUniqueViolation)
    return Error::conflict("reporting.regime_exists", "Đã có chế độ báo cáo mang mã này.");
  TS_TRY(id);
  int64_t regime_id = id->front().i64(0);
  TS_TRY(store_approvers(tx, regime_id, g.approver_units));
  return regime_id;
}

Result<bool> update_regime(storage::Tx& tx, const Regime& g, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.exec("UPDATE reporting_regimes SET name = $1, legal_basis = $2, form_code = $3, "
              "form_version = $4, period_type = $5, cutoff_day = $6, deadline = $7, lock_days = "
              "$8, receiver_unit_id = $9, reporters = $10, active = $11, version = version + 1, "
              "updated_at = $12, data_window = $15 WHERE id = $13 AND version = $14",
              {g.name, g.legal_basis, g.form_code, g.form_version, period_type_name(g.period_type),
               g.cutoff_day, boost::json::serialize(deadline_json(g.deadline)), g.lock_days,
               g.receiver_unit_id, reporters_text(g), g.active ? 1 : 0, now_ms, g.id, g.version,
               window_param(g)}));
  if (n != 1) return false;
  TS_TRY(store_approvers(tx, g.id, g.approver_units));
  return true;
}

Result<std::optional<Regime>> load_regime(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM reporting_regimes WHERE id = $1", kRegimeColumns),
               {id}));
  if (rows.empty()) return std::optional<Regime>();
  TS_ASSIGN_OR_RETURN(auto g, regime_from_row(rows.front()));
  std::map<int64_t, Regime*> by_id{{g.id, &g}};
  TS_TRY(load_approvers(tx, by_id, g.id));
  return std::optional<Regime>(std::move(g));
}

Result<std::vector<Regime>> load_regimes(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM reporting_regimes ORDER BY code", kRegimeColumns), {}));
  std::vector<Regime> out;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto g, regime_from_row(r));
    out.push_back(std::move(g));
  }
  std::map<int64_t, Regime*> by_id;
  for (auto& g : out) by_id[g.id] = &g;
  TS_TRY(load_approvers(tx, by_id, std::nullopt));
  return out;
}

Result<bool> has_reports(storage::Tx& tx, int64_t regime_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT 1 FROM reporting_reports WHERE regime_id = $1 LIMIT 1", {regime_id}));
  return !rows.empty();
}

Result<std::optional<Report>> find_report(storage::Tx& tx, int64_t regime_id,
                                          std::string_view period, int64_t unit_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM reporting_reports WHERE regime_id = $1 AND period = $2 "
                           "AND unit_id = $3",
                           kReportColumns),
               {regime_id, period, unit_id}));
  if (rows.empty()) return std::optional<Report>();
  return std::optional<Report>(report_from_row(rows.front()));
}

Result<ReportsByKey> reports_by_key(storage::Tx& tx, int64_t regime_id,
                                    const std::vector<Period>& periods) {
  std::vector<std::string> ids;
  ids.reserve(periods.size());
  for (const auto& p : periods) ids.push_back(p.id());
  TS_ASSIGN_OR_RETURN(auto reports, reports_of(tx, regime_id, ids));
  ReportsByKey out;
  for (auto& r : reports) {
    auto key = std::pair{r.period, r.unit_id};
    out.emplace(std::move(key), std::move(r));
  }
  return out;
}

Result<std::vector<Report>> reports_of(storage::Tx& tx, int64_t regime_id,
                                       const std::vector<std::string>& periods) {
  storage::QueryBuilder q(
      fmt::format("SELECT {} FROM reporting_reports WHERE regime_id = ", kReportColumns));
  q.add(q.bind(regime_id) + " AND period IN " + q.bind_list(periods));
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  std::vector<Report> out;
  for (auto r : rows) out.push_back(report_from_row(r));
  return out;
}

Result<int64_t> insert_report(storage::Tx& tx, const Report& r, int64_t now_ms) {
  auto id = tx.query(
      "INSERT INTO reporting_reports (regime_id, period, unit_id, form_version, status, comment, "
      "return_reason, due_at, unlocked_until, submitted_at, on_time, approved_at, approved_by, "
      "version, created_at, updated_at, sent_version, approved_levels) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14, $15, $16) RETURNING id",
      {r.regime_id, r.period, r.unit_id, r.form_version, status_name(r.status), r.comment,
       r.return_reason, r.due_at, r.unlocked_until, r.submitted_at,
       r.on_time ? std::optional<int64_t>(*r.on_time ? 1 : 0) : std::nullopt, r.approved_at,
       r.approved_by, now_ms, r.sent_version, static_cast<int64_t>(r.approved_levels)});
  if (!id.ok() && id.error().code() == storage::kUniqueViolation)
    return Error::conflict("report.stale",
                           "Báo cáo vừa được người khác lập. Vui lòng tải lại trang.");
  TS_TRY(id);
  return id->front().i64(0);
}

Result<bool> update_report(storage::Tx& tx, const Report& r, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.exec("UPDATE reporting_reports SET status = $1, comment = $2, return_reason = $3, "
              "unlocked_until = $4, submitted_at = $5, on_time = $6, approved_at = $7, "
              "approved_by = $8, version = version + 1, updated_at = $9, sent_version = $12, "
              "approved_levels = $13 WHERE id = $10 AND version = $11",
              {status_name(r.status), r.comment, r.return_reason, r.unlocked_until, r.submitted_at,
               r.on_time ? std::optional<int64_t>(*r.on_time ? 1 : 0) : std::nullopt, r.approved_at,
               r.approved_by, now_ms, r.id, r.version, r.sent_version,
               static_cast<int64_t>(r.approved_levels)}));
  return n == 1;
}

Result<Values> load_values(storage::Tx& tx, int64_t report_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT row_code, column_code, num, txt FROM "
                                          "reporting_values WHERE report_id = $1",
                                          {report_id}));
  Values out;
  for (auto r : rows) {
    CellValue c;
    if (!r.is_null(2)) c.number = r.f64(2);
    c.text = r.str(3);
    out[cell_key(r.view(0), r.view(1))] = std::move(c);
  }
  return out;
}

// Statements bind at most this many cells (seven parameters each, at most): a form's 30,000
// cells would pass both engines' limits on parameters (32,766 and 65,535).
constexpr std::size_t kCellsPerStatement = 1000;

Status replace_values(storage::Tx& tx, int64_t report_id, const Values& v) {
  TS_TRY(tx.exec("DELETE FROM reporting_values WHERE report_id = $1", {report_id}));
  auto it = v.begin();
  while (it != v.end()) {
    storage::QueryBuilder q(
        "INSERT INTO reporting_values (report_id, row_code, column_code, num, txt) VALUES ");
    for (std::size_t n = 0; it != v.end() && n < kCellsPerStatement; ++it, ++n) {
      const auto& [key, c] = *it;
      auto dot = key.find('.');
      std::string values = q.bind(report_id) + ", " + q.bind(key.substr(0, dot)) + ", " +
                           q.bind(key.substr(dot + 1)) + ", ";
      // Text is bound as an owned copy: a Param only views its string.
      values += c.number
                    ? q.bind(storage::Param(*c.number)) + ", " + q.bind(storage::Param(nullptr))
                    : q.bind(storage::Param(nullptr)) + ", " + q.bind(std::string(c.text));
      q.add(std::string(n == 0 ? "(" : ", (") + values + ")");
    }
    TS_TRY(q.exec(tx));
  }
  return ok_status();
}

Status insert_report_event(storage::Tx& tx, int64_t report_id, const ReportEvent& e) {
  return tx.exec_later(
      "INSERT INTO reporting_events (report_id, at, action, status_from, status_to, actor_id, "
      "actor_name, note, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {report_id, e.at, e.action, e.status_from, e.status_to, e.actor_id, e.actor_name, e.note,
       e.unit_id});
}

Result<std::vector<ReportEvent>> load_report_events(storage::Tx& tx, int64_t report_id) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT at, action, status_from, status_to, actor_id, actor_name, "
                               "note, unit_id FROM reporting_events WHERE report_id = $1 ORDER BY "
                               "id",
                               {report_id}));
  std::vector<ReportEvent> out;
  for (auto r : rows)
    out.push_back(
        {r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_i64(4), r.str(5), r.str(6), r.opt_i64(7)});
  return out;
}

Status pass_up(storage::Tx& tx, const Report& r) {
  TS_TRY(withdraw(tx, r.id));
  // One statement whatever the form's size (the values are the report's, as stored).
  TS_TRY(tx.exec(
      "INSERT INTO reporting_approved (regime_id, period, row_code, column_code, unit_id, "
      "report_id, num) SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), row_code, column_code, "
      "CAST($3 AS BIGINT), report_id, num FROM reporting_values WHERE report_id = $4 AND num IS "
      "NOT NULL",
      {r.regime_id, r.period, r.unit_id, r.id}));
  return ok_status();
}

Status withdraw(storage::Tx& tx, int64_t report_id) {
  TS_TRY(tx.exec("DELETE FROM reporting_approved WHERE report_id = $1", {report_id}));
  return ok_status();
}

Result<std::vector<CellValueAt>> approved_cell(storage::Tx& tx, int64_t regime_id,
                                               const std::vector<std::string>& periods,
                                               std::string_view row, std::string_view column) {
  storage::QueryBuilder q("SELECT unit_id, period, num FROM reporting_approved WHERE regime_id = ");
  q.add(q.bind(regime_id) + " AND period IN " + q.bind_list(periods) +
        " AND row_code = " + q.bind(std::string(row)) +
        " AND column_code = " + q.bind(std::string(column)) + " ORDER BY unit_id, period");
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  std::vector<CellValueAt> out;
  out.reserve(rows.size());
  for (auto r : rows) out.push_back({.unit_id = r.i64(0), .period = r.str(1), .value = r.f64(2)});
  return out;
}

Result<Values> approved_sums(storage::Tx& tx, const FormDef& f, int64_t regime_id,
                             const std::vector<std::string>& periods,
                             const std::vector<int64_t>& units,
                             std::optional<int> endorsed_levels) {
  // The numbers of the periods and units (bound into `q`): from the approved store, or those of
  // the reports endorsed far enough up the chain.
  auto approved = [&](storage::QueryBuilder& q) {
    if (!endorsed_levels) {
      q.add(" FROM reporting_approved");
    } else {
      q.add(
          " FROM (SELECT r.regime_id, r.period, r.unit_id, v.row_code, v.column_code, v.num FROM "
          "reporting_values v JOIN reporting_reports r ON r.id = v.report_id WHERE v.num IS NOT "
          "NULL AND (r.status = 'approved' OR (r.status = 'endorsed' AND r.approved_levels >= " +
          q.bind(static_cast<int64_t>(*endorsed_levels)) + "))) a");
    }
    q.add(" WHERE regime_id = " + q.bind(regime_id) + " AND period IN " + q.bind_list(periods));
    if (!units.empty()) q.add(" AND unit_id IN " + q.bind_list(units));
  };
  // Computed cells are the form's arithmetic, computed again below, never added up; `none`
  // columns are not added at all.
  auto entered = [&](std::string_view row, std::string_view column) -> const FormColumn* {
    const FormRow* r = f.row(row);
    const FormColumn* c = f.column(column);
    if (r == nullptr || c == nullptr || r->total || !c->sum_of.empty()) return nullptr;
    return c->aggregation == "none" ? nullptr : c;
  };
  Values out;
  // `sum` columns are added up by the database: one row per cell, however many reports.
  storage::QueryBuilder sums("SELECT row_code, column_code, SUM(num)");
  approved(sums);
  sums.add(" GROUP BY row_code, column_code");
  TS_ASSIGN_OR_RETURN(auto summed, sums.query(tx));
  for (auto r : summed) {
    const FormColumn* c = entered(r.view(0), r.view(1));
    if (c != nullptr && c->aggregation == "sum")
      out[cell_key(r.view(0), r.view(1))].number = r.f64(2);
  }
  // `first` / `last` columns (a stock): each unit's earliest / latest period, then added up.
  std::vector<std::string> stocks;
  for (const auto& c : f.columns)
    if (c.sum_of.empty() && (c.aggregation == "first" || c.aggregation == "last"))
      stocks.push_back(c.code);
  if (!stocks.empty()) {
    storage::QueryBuilder q("SELECT unit_id, period, row_code, column_code, num");
    approved(q);
    q.add(" AND column_code IN " + q.bind_list(stocks));
    TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < periods.size(); ++i) position[periods[i]] = i;
    // (cell, unit) → (period position, value).
    std::map<std::pair<std::string, int64_t>, std::pair<std::size_t, double>> picked;
    for (auto r : rows) {
      const FormColumn* c = entered(r.view(2), r.view(3));
      if (c == nullptr) continue;
      std::size_t at = position[r.str(1)];
      auto [it, fresh] =
          picked.try_emplace({cell_key(r.view(2), r.view(3)), r.i64(0)}, at, r.f64(4));
      bool later = c->aggregation == "last" ? at > it->second.first : at < it->second.first;
      if (!fresh && later) it->second = {at, r.f64(4)};
    }
    for (const auto& [cell_unit, chosen] : picked) {
      auto& cell = out[cell_unit.first];
      cell.number = cell.number.value_or(0) + chosen.second;
    }
  }
  compute(f, out);
  return out;
}

}  // namespace tinhso::reporting
