#include "onestop/catalog.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "core/base/csv.h"
#include "core/base/json.h"
#include "core/base/text.h"
#include "core/storage/query_builder.h"
#include "onestop/stats_counters.h"

namespace tinhso::onestop {
namespace {

constexpr std::string_view kSummaryColumns =
    "p.id, p.national_code, p.name, p.sector_id, s.code, s.name, p.levels, p.agency_codes, "
    "p.online_mode, "
    "p.legacy_level, p.processing_days, p.processing_hours, p.version_no, p.current_version_id, "
    "p.active";

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  for (auto part : text::split(s, ',')) {
    auto t = text::trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

ProcedureSummary summary_from_row(const storage::Rows::Row& r) {
  ProcedureSummary p;
  p.id = r.i64(0);
  p.national_code = r.str(1);
  p.name = r.str(2);
  p.sector_id = r.i64(3);
  p.sector_code = r.str(4);
  p.sector_name = r.str(5);
  p.levels = split_list(r.view(6));
  p.agency_codes = split_list(r.view(7));
  p.online_mode = r.str(8);
  p.legacy_level = static_cast<int>(r.i64(9));
  p.processing_days = static_cast<int>(r.i64(10));
  p.processing_hours = static_cast<int>(r.i64(11));
  p.version_no = r.i64(12);
  p.current_version_id = r.i64(13);
  p.active = r.boolean(14);
  return p;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

std::string search_text(const ProcedureDef& d) {
  return text::fold(d.national_code + " " + d.name + " " + d.sector_name);
}

Result<int64_t> ensure_sector(audit::ChangeTx& tx, const ProcedureDef& d) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.sql().query("SELECT id, name FROM sectors WHERE code = $1", {d.sector_code}));
  if (!rows.empty()) {
    if (rows.front().str(1) != d.sector_name) {
      TS_TRY(tx.sql().exec("UPDATE sectors SET name = $1, name_folded = $2 WHERE id = $3",
                           {d.sector_name, text::fold(d.sector_name), rows.front().i64(0)}));
    }
    return rows.front().i64(0);
  }
  TS_ASSIGN_OR_RETURN(
      auto ins, tx.sql().query("INSERT INTO sectors (code, name, name_folded) VALUES ($1, $2, $3) "
                               "RETURNING id",
                               {d.sector_code, d.sector_name, text::fold(d.sector_name)}));
  int64_t id = ins.front().i64(0);
  TS_TRY(tx.record("sector.create", "sector", id,
                   boost::json::object{{"code", d.sector_code}, {"name", d.sector_name}}));
  return id;
}

// The levels a procedure is performed at are keys of unit_levels (the same table as units').
Status check_levels(storage::Tx& tx, const ProcedureDef& d) {
  for (const auto& level : d.levels) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM unit_levels WHERE key = $1", {level}));
    if (rows.empty())
      return Error::validation("levels",
                               fmt::format("Cấp \"{}\" không có trong danh mục cấp.", level));
  }
  return ok_status();
}

Result<int64_t> insert_version(audit::ChangeTx& tx, int64_t procedure_id, int64_t version_no,
                               const ProcedureDef& d) {
  TS_TRY(check_levels(tx.sql(), d));
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("INSERT INTO procedure_versions (procedure_id, version_no, definition, "
                     "created_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                     {procedure_id, version_no, boost::json::serialize(procedure_json(d)),
                      tx.now_ms(), tx.actor().name}));
  return rows.front().i64(0);
}

Error version_conflict() {
  return Error::conflict("procedure.version_conflict",
                         "Thủ tục vừa được người khác cập nhật. Vui lòng tải lại và thử lại.");
}

}  // namespace

boost::json::object summary_json(const ProcedureSummary& p) {
  boost::json::array levels, codes;
  for (const auto& l : p.levels) levels.push_back(boost::json::string(l));
  for (const auto& c : p.agency_codes) codes.push_back(boost::json::string(c));
  return boost::json::object{
      {"id", p.id},
      {"national_code", p.national_code},
      {"name", p.name},
      {"sector",
       boost::json::object{{"id", p.sector_id}, {"code", p.sector_code}, {"name", p.sector_name}}},
      {"levels", std::move(levels)},
      {"agency_codes", std::move(codes)},
      {"online_mode", p.online_mode},
      {"online_mode_label", online_mode_label_vi(p.online_mode)},
      {"legacy_level", p.legacy_level},
      {"processing_days", p.processing_days},
      {"processing_hours", p.processing_hours},
      {"version_no", p.version_no},
      {"current_version_id", p.current_version_id},
      {"active", p.active}};
}

Result<std::vector<std::pair<ProcedureSummary, int64_t>>> popular_procedures(
    storage::Tx& tx, const std::string& since, int limit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {}, u.n FROM (SELECT procedure_id, SUM(received) AS n FROM "
                           "{} GROUP BY procedure_id) u JOIN procedures p ON p.id = u.procedure_id "
                           "JOIN sectors s ON s.id = p.sector_id WHERE p.active = 1 AND u.n > 0 "
                           "ORDER BY u.n DESC, p.id LIMIT $2",
                           kSummaryColumns,
                           stats_source("grain = 'm' AND period >= $1 AND procedure_id <> 0")),
               {since, static_cast<int64_t>(limit)}));
  std::vector<std::pair<ProcedureSummary, int64_t>> out;
  for (auto r : rows) out.emplace_back(summary_from_row(r), r.i64(15));
  return out;
}

Result<ProcedureSummary> get_procedure(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM procedures p JOIN sectors s ON s.id = p.sector_id "
                           "WHERE p.id = $1",
                           kSummaryColumns),
               {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy thủ tục hành chính.");
  return summary_from_row(rows.front());
}

Result<ProcedureSummary> get_procedure(storage::Database& db, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows, db.query_once(fmt::format("SELECT {} FROM procedures p JOIN sectors s ON s.id = "
                                           "p.sector_id WHERE p.id = $1",
                                           kSummaryColumns),
                               {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy thủ tục hành chính.");
  return summary_from_row(rows.front());
}

Result<std::optional<ProcedureSummary>> find_procedure(storage::Tx& tx,
                                                       std::string_view national_code) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM procedures p JOIN sectors s ON s.id = p.sector_id "
                           "WHERE p.national_code = $1",
                           kSummaryColumns),
               {national_code}));
  if (rows.empty()) return std::optional<ProcedureSummary>();
  return std::optional<ProcedureSummary>(summary_from_row(rows.front()));
}

Result<ProcedureSummary> create_procedure(audit::ChangeTx& tx, const ProcedureDef& d) {
  TS_ASSIGN_OR_RETURN(int64_t sector, ensure_sector(tx, d));
  auto inserted = tx.sql().query(
      "INSERT INTO procedures (national_code, name, sector_id, levels, agency_codes, online_mode, "
      "legacy_level, "
      "processing_days, processing_hours, version_no, search_text, created_at, updated_at) VALUES "
      "($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, 1, $10, $11, $11) RETURNING id",
      {d.national_code, d.name, sector, join(d.levels), join(d.agency_codes), d.online_mode,
       d.legacy_level, d.processing_days, d.processing_hours, search_text(d), tx.now_ms()});
  if (!inserted.ok() && inserted.error().code() == storage::kUniqueViolation) {
    return Error::conflict("procedure.code_exists",
                           fmt::format("Đã có thủ tục mã {}.", d.national_code));
  }
  TS_TRY(inserted);
  int64_t id = inserted->front().i64(0);
  TS_ASSIGN_OR_RETURN(int64_t version, insert_version(tx, id, 1, d));
  TS_TRY(
      tx.sql().exec("UPDATE procedures SET current_version_id = $1 WHERE id = $2", {version, id}));
  TS_TRY(tx.record(
      "procedure.create", "procedure", id,
      boost::json::object{
          {"national_code", d.national_code}, {"name", d.name}, {"version_id", version}}));
  return get_procedure(tx.sql(), id);
}

Result<ProcedureSummary> update_procedure(audit::ChangeTx& tx, int64_t id, const ProcedureDef& d,
                                          std::optional<int64_t> expected_version_no) {
  TS_ASSIGN_OR_RETURN(ProcedureSummary before, get_procedure(tx.sql(), id));
  if (expected_version_no && *expected_version_no != before.version_no) return version_conflict();
  if (d.national_code != before.national_code) {
    return Error::validation("national_code", "Không thể đổi mã thủ tục; hãy tạo thủ tục mới.");
  }
  TS_ASSIGN_OR_RETURN(int64_t sector, ensure_sector(tx, d));
  int64_t next = before.version_no + 1;
  TS_ASSIGN_OR_RETURN(int64_t version, insert_version(tx, id, next, d));
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.sql().exec(
          "UPDATE procedures SET name = $1, sector_id = $2, levels = $3, agency_codes = $4, "
          "online_mode = $5, legacy_level = $6, processing_days = $7, processing_hours = $8, "
          "version_no = $9, current_version_id = $10, search_text = $11, updated_at = $12 "
          "WHERE id = $13 AND version_no = $14",
          {d.name, sector, join(d.levels), join(d.agency_codes), d.online_mode, d.legacy_level,
           d.processing_days, d.processing_hours, next, version, search_text(d), tx.now_ms(), id,
           before.version_no}));
  if (n == 0) return version_conflict();
  TS_TRY(tx.record(
      "procedure.update", "procedure", id,
      boost::json::object{{"version_no", next}, {"version_id", version}, {"name", d.name}}));
  return get_procedure(tx.sql(), id);
}

Status set_procedure_active(audit::ChangeTx& tx, int64_t id, bool active) {
  TS_ASSIGN_OR_RETURN(
      int64_t n, tx.sql().exec("UPDATE procedures SET active = $1, updated_at = $2 WHERE id = $3",
                               {active ? 1 : 0, tx.now_ms(), id}));
  if (n == 0) return Error::not_found("Không tìm thấy thủ tục hành chính.");
  return tx.record(active ? "procedure.activate" : "procedure.deactivate", "procedure", id,
                   boost::json::object{{"active", active}});
}

Result<std::vector<VersionInfo>> list_versions(storage::Tx& tx, int64_t procedure_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, version_no, created_at, created_by FROM procedure_versions "
                          "WHERE procedure_id = $1 ORDER BY version_no DESC",
                          {procedure_id}));
  std::vector<VersionInfo> out;
  for (auto r : rows)
    out.push_back(VersionInfo{r.i64(0), r.i64(1), from_millis(r.i64(2)), r.str(3)});
  return out;
}

std::shared_ptr<const ProcedureDef> ProcedureCache::cached(int64_t version_id) {
  std::lock_guard lock(mu_);
  auto it = defs_.find(version_id);
  return it == defs_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const ProcedureDef>> ProcedureCache::version(storage::Tx& tx,
                                                                    int64_t version_id) {
  if (auto hit = cached(version_id)) return hit;
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT definition FROM procedure_versions WHERE id = $1", {version_id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy phiên bản thủ tục.");
  boost::system::error_code ec;
  auto doc = boost::json::parse(rows.front().view(0), ec);
  if (ec)
    return Error::internal(
        fmt::format("procedure version {}: stored definition is not JSON", version_id));
  TS_ASSIGN_OR_RETURN(auto def, parse_procedure(doc));
  auto shared = std::make_shared<const ProcedureDef>(std::move(def));
  std::lock_guard lock(mu_);
  if (defs_.size() > 20000) defs_.clear();
  defs_[version_id] = shared;
  return std::shared_ptr<const ProcedureDef>(shared);
}

Result<std::shared_ptr<const ProcedureDef>> ProcedureCache::version(storage::Database& db,
                                                                    int64_t version_id) {
  if (auto hit = cached(version_id)) return hit;
  return db.read([&](storage::Tx& tx) { return version(tx, version_id); });
}

namespace {

// Text matches ranked in memory at most; a query matching more shows the best of these.
constexpr int kRankedMatches = 2000;

// "FROM … WHERE …" of a catalog query: the text match and every filter.
void catalog_from_where(storage::QueryBuilder& sql, const CatalogQuery& q,
                        const std::vector<std::string>& tokens, bool postgres) {
  sql.add("FROM procedures p JOIN sectors s ON s.id = p.sector_id ");
  if (!tokens.empty()) {
    std::string expr = storage::prefix_match_query(tokens, postgres);
    if (postgres) {
      sql.add("WHERE p.search_tsv @@ to_tsquery('simple', " + sql.bind(expr) + ") ");
    } else {
      sql.add("JOIN procedure_fts f ON f.rowid = p.id WHERE procedure_fts MATCH " + sql.bind(expr) +
              " ");
    }
  } else {
    sql.add("WHERE 1 = 1 ");
  }
  if (!q.include_inactive) sql.add("AND p.active = 1 ");
  if (q.sector_id) sql.add("AND p.sector_id = " + sql.bind(*q.sector_id) + " ");
  if (q.level)
    sql.add("AND (',' || p.levels || ',') LIKE " + sql.bind("%," + *q.level + ",%") + " ");
  if (q.online_mode) sql.add("AND p.online_mode = " + sql.bind(*q.online_mode) + " ");
  if (q.agency_code) {
    sql.add("AND ((',' || p.agency_codes || ',') LIKE " + sql.bind("%," + *q.agency_code + ",%"));
    for (const auto& code : q.agency_inherited_codes)
      sql.add(" OR (',' || p.agency_codes || ',') LIKE " + sql.bind("%," + code + ",%"));
    if (q.agency_level) {
      sql.add(" OR (p.agency_codes = '' AND (',' || p.levels || ',') LIKE " +
              sql.bind("%," + *q.agency_level + ",%") + ")");
    }
    sql.add(") ");
  }
}

}  // namespace

Result<CatalogPage> search_catalog(storage::Tx& tx, const CatalogQuery& q) {
  auto tokens = text::fold_tokens(q.text);
  CatalogPage page;
  storage::QueryBuilder count("SELECT count(*) ");
  catalog_from_where(count, q, tokens, tx.is_postgres());
  TS_ASSIGN_OR_RETURN(auto counted, count.query(tx));
  page.total = counted.front().i64(0);

  storage::QueryBuilder sql(fmt::format("SELECT {} ", kSummaryColumns));
  catalog_from_where(sql, q, tokens, tx.is_postgres());
  if (tokens.empty()) {
    // Browsing: the database orders and pages.
    sql.add("ORDER BY p.name, p.id LIMIT " + sql.bind(int64_t{q.limit}) + " OFFSET " +
            sql.bind(int64_t{q.offset}));
    TS_ASSIGN_OR_RETURN(auto rows, sql.query(tx));
    for (auto r : rows) page.items.push_back(summary_from_row(r));
    return page;
  }
  sql.add(" LIMIT " + sql.bind(int64_t{kRankedMatches}));
  TS_ASSIGN_OR_RETURN(auto rows, sql.query(tx));
  std::vector<ProcedureSummary> all;
  all.reserve(rows.size());
  for (auto r : rows) all.push_back(summary_from_row(r));
  // Rank: exact-accent matches first, then accent-insensitive phrase matches, then word matches.
  std::string exact = text::lower(text::trim(q.text));
  std::string folded = text::fold(q.text);
  std::string code(text::trim(q.text));
  auto score = [&](const ProcedureSummary& p) {
    int s = 0;
    if (p.national_code == code) s += 1000;
    std::string name = text::lower(p.name);
    auto e = name.find(exact);
    if (e != std::string::npos) s += 500 + (e == 0 ? 100 : 0);
    auto f = text::fold(p.name).find(folded);
    if (f != std::string::npos) s += 200 + (f == 0 ? 50 : 0);
    return s;
  };
  std::vector<std::pair<int, std::size_t>> ranked;
  for (std::size_t i = 0; i < all.size(); ++i) ranked.emplace_back(score(all[i]), i);
  std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    const auto& x = all[a.second];
    const auto& y = all[b.second];
    if (x.name.size() != y.name.size()) return x.name.size() < y.name.size();
    return x.name < y.name;
  });
  std::vector<ProcedureSummary> sorted;
  sorted.reserve(all.size());
  for (const auto& [sc, i] : ranked) sorted.push_back(std::move(all[i]));
  all = std::move(sorted);
  for (int i = q.offset; i < static_cast<int>(all.size()) && i < q.offset + q.limit; ++i) {
    page.items.push_back(std::move(all[static_cast<std::size_t>(i)]));
  }
  return page;
}

Result<std::vector<Sector>> list_sectors(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT s.id, s.code, s.name, count(p.id) FROM sectors s LEFT JOIN procedures p "
               "ON p.sector_id = s.id AND p.active = 1 GROUP BY s.id, s.code, s.name "
               "ORDER BY s.name"));
  std::vector<Sector> out;
  for (auto r : rows) out.push_back(Sector{r.i64(0), r.str(1), r.str(2), r.i64(3)});
  // Vietnamese order, not byte order ("Đất đai" after "Dân tộc", not after "Y tế").
  std::stable_sort(out.begin(), out.end(), [](const Sector& a, const Sector& b) {
    return text::compare_vi(a.name, b.name) < 0;
  });
  return out;
}

std::vector<Step> default_steps() {
  return {Step{"review", "Thẩm định hồ sơ", identity::Role::kSpecialist, UnitRule{}, 0.75},
          Step{"approve", "Phê duyệt, ký kết quả", identity::Role::kLeader, UnitRule{}, 0.25}};
}

Result<CatalogImport> import_catalog(audit::ChangeTx& tx, const std::vector<ProcedureDef>& defs) {
  CatalogImport report;
  for (std::size_t i = 0; i < defs.size(); ++i) {
    const auto& d = defs[i];
    auto fail = [&](const Error& e) {
      return Error(e.status() == 409 ? 409 : 422, "procedure.import_failed",
                   fmt::format("Thủ tục thứ {} (mã {}): {}", i + 1, d.national_code, e.message()),
                   boost::json::object{{"index", i + 1}, {"national_code", d.national_code}});
    };
    auto existing = find_procedure(tx.sql(), d.national_code);
    if (!existing.ok()) return existing.error();
    if (!*existing) {
      auto c = create_procedure(tx, d);
      if (!c.ok()) return fail(c.error());
      ++report.created;
      continue;
    }
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.sql().query("SELECT definition FROM procedure_versions WHERE id = $1",
                                       {(*existing)->current_version_id}));
    std::string current = rows.empty() ? "" : rows.front().str(0);
    if (current == boost::json::serialize(procedure_json(d))) {
      ++report.unchanged;
      continue;
    }
    auto u = update_procedure(tx, (*existing)->id, d, std::nullopt);
    if (!u.ok()) return fail(u.error());
    ++report.updated;
  }
  if (tx.recorded() == 0) tx.mark_unchanged();
  return report;
}

Result<std::vector<ProcedureDef>> catalog_from_json(const boost::json::value& doc) {
  const boost::json::array* arr = nullptr;
  if (doc.is_array())
    arr = &doc.as_array();
  else if (doc.is_object() && doc.as_object().contains("procedures") &&
           doc.at("procedures").is_array()) {
    arr = &doc.at("procedures").as_array();
  }
  if (arr == nullptr)
    return Error::invalid("Dữ liệu nhập cần là mảng thủ tục hoặc {\"procedures\": [...]}.");
  std::vector<ProcedureDef> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto d = parse_procedure((*arr)[i]);
    if (!d.ok()) {
      return Error(422, "procedure.import_failed",
                   fmt::format("Thủ tục thứ {}: {}", i + 1, d.error().message()),
                   boost::json::object{{"index", i + 1}, {"problem", d.error().details()}});
    }
    out.push_back(std::move(*d));
  }
  return out;
}

namespace {
const std::vector<std::string> kCsvColumns = {
    "national_code", "name",        "sector_code",  "sector_name",     "levels",
    "agency_codes",  "online_mode", "legacy_level", "processing_days", "processing_hours",
    "fee_amount",    "result",      "legal_basis"};
}

Result<std::vector<ProcedureDef>> catalog_from_csv(std::string_view text) {
  TS_ASSIGN_OR_RETURN(auto rows, csv::parse(text));
  if (rows.empty()) return Error::invalid("Tệp CSV rỗng.");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i)
    col[text::to_lower_ascii(text::trim(rows[0][i]))] = i;
  for (auto required :
       {"national_code", "name", "sector_code", "sector_name", "levels", "processing_days"}) {
    if (!col.contains(required))
      return Error::invalid(fmt::format("Dòng tiêu đề thiếu cột \"{}\".", required));
  }
  std::vector<ProcedureDef> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto cell = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= rows[i].size()
                 ? ""
                 : std::string(text::trim(rows[i][it->second]));
    };
    boost::json::object o{{"national_code", cell("national_code")},
                          {"name", cell("name")},
                          {"sector_code", cell("sector_code")},
                          {"sector_name", cell("sector_name")},
                          {"result", cell("result")},
                          {"legal_basis", cell("legal_basis")}};
    boost::json::array levels, codes;
    for (auto l : text::split(cell("levels"), ';')) {
      if (!text::trim(l).empty()) levels.push_back(boost::json::string(text::trim(l)));
    }
    for (auto c : text::split(cell("agency_codes"), ';')) {
      if (!text::trim(c).empty()) codes.push_back(boost::json::string(text::trim(c)));
    }
    o["levels"] = std::move(levels);
    o["agency_codes"] = std::move(codes);
    if (!cell("online_mode").empty()) o["online_mode"] = cell("online_mode");
    auto number = [&](const char* name, const char* key) {
      std::string v = cell(name);
      if (v.empty()) return;
      try {
        o[key] = std::stoll(v);
      } catch (...) {
        o[key] = v;  // reported by the parser as "not an integer"
      }
    };
    number("legacy_level", "legacy_level");
    number("processing_days", "processing_days");
    number("processing_hours", "processing_hours");
    if (!cell("fee_amount").empty() && cell("fee_amount") != "0") {
      boost::json::object fee{{"name", "Phí, lệ phí"}};
      try {
        fee["amount"] = std::stoll(cell("fee_amount"));
      } catch (...) {
        fee["amount"] = cell("fee_amount");
      }
      o["fees"] = boost::json::array{fee};
    }
    boost::json::array steps;
    for (const auto& s : default_steps()) {
      steps.push_back(boost::json::object{{"key", s.key},
                                          {"name", s.name},
                                          {"role", identity::role_name(s.role)},
                                          {"share", s.share}});
    }
    o["steps"] = std::move(steps);
    auto d = parse_procedure(o);
    if (!d.ok()) {
      return Error(422, "procedure.import_failed",
                   fmt::format("Dòng {}: {}", i + 1, d.error().message()),
                   boost::json::object{{"row", i + 1}, {"problem", d.error().details()}});
    }
    out.push_back(std::move(*d));
  }
  return out;
}

Result<boost::json::array> export_catalog_json(storage::Tx& tx, ProcedureCache& cache) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT current_version_id FROM procedures ORDER BY national_code"));
  boost::json::array out;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto def, cache.version(tx, r.i64(0)));
    out.push_back(procedure_json(*def));
  }
  return out;
}

Result<std::string> export_catalog_csv(storage::Tx& tx, ProcedureCache& cache) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM procedures p JOIN sectors s ON s.id = p.sector_id "
                           "ORDER BY p.national_code",
                           kSummaryColumns)));
  csv::Writer w;
  w.row(kCsvColumns);
  for (auto r : rows) {
    ProcedureSummary p = summary_from_row(r);
    std::string levels, codes;
    for (const auto& l : p.levels) levels += (levels.empty() ? "" : ";") + l;
    for (const auto& c : p.agency_codes) codes += (codes.empty() ? "" : ";") + c;
    TS_ASSIGN_OR_RETURN(auto def, cache.version(tx, p.current_version_id));
    w.row({p.national_code, p.name, p.sector_code, p.sector_name, levels, codes, p.online_mode,
           std::to_string(p.legacy_level), std::to_string(p.processing_days),
           std::to_string(p.processing_hours), std::to_string(def->total_fees()), def->result,
           def->legal_basis});
  }
  return w.str();
}

}  // namespace tinhso::onestop
