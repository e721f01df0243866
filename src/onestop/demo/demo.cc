// Demo one-stop data: a catalog of common procedures of the three levels (with their papers,
// fees and internal processes, including inter-level ones), and dossiers received over the past
// year that went through the real DossierService — reception, steps, supplements, approvals,
// returns and ratings — with the clock set back to when each action happened. Timelines,
// statistics counters, audit and outbox therefore look exactly like production data.
#include "onestop/demo/demo.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <stdexcept>

#include "core/audit/change_log.h"
#include "core/base/resources.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/demo/names.h"
#include "core/identity/accounts.h"
#include "core/identity/agency_code.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"
#include "onestop/catalog.h"
#include "onestop/demo/catalog.h"
#include "onestop/permissions.h"
#include "onestop/stats.h"

namespace tinhso::onestop::demo {
namespace {

using tinhso::demo::person_name;
using tinhso::demo::Rng;

using boost::json::array;
using boost::json::object;
using onestop::Action;
using onestop::DossierStatus;

// The demo's catalogue data (resources/demo/*.json), read once; the files are embedded in the
// binary, so a problem in them is a programmer error the demo's own test catches.
const DemoCatalog& demo_data() {
  static const DemoCatalog kData = [] {
    auto c = load_demo_catalog();
    if (!c.ok()) throw std::logic_error(c.error().describe());
    return std::move(*c);
  }();
  return kData;
}

const std::vector<ProcSpec>& catalog() {
  return demo_data().procedures;
}

// A written-out procedure as the catalogue holds it; `since_reform`: as revised on
// 1 July 2025 (ProcSpec::since_2025).
Result<object> procedure_json_of(const ProcSpec& spec, bool since_reform) {
  ProcSpec p = spec;
  if (since_reform && spec.since_2025) {
    if (!spec.since_2025->level.empty()) p.level = spec.since_2025->level;
    if (!spec.since_2025->name.empty()) p.name = spec.since_2025->name;
    if (!spec.since_2025->steps.empty()) p.steps = spec.since_2025->steps;
  }
  array levels{p.level.c_str()};
  array agencies;
  if (!p.agency_code.empty()) agencies.push_back(p.agency_code.c_str());
  array papers, fees, steps;
  for (const std::string& name : p.papers) {
    // "Bản sao …", "Bản chụp …" are copies; anything else is handed in as an original.
    bool copy = std::string_view(name).starts_with("Bản sao") ||
                std::string_view(name).starts_with("Bản chụp");
    papers.push_back(object{{"name", name}, {"originals", copy ? 0 : 1}, {"copies", copy ? 1 : 0}});
  }
  if (p.fee > 0) fees.push_back(object{{"name", "Lệ phí"}, {"amount", p.fee}});
  int n = 0;
  for (const auto& [role, where, share] : p.steps) {
    boost::json::value unit;
    bool fixed = identity::parse_agency_code(where).has_value();
    if (where == "agency")
      unit = "agency";
    else if (fixed)
      unit = object{{"code", where}};
    else if (where == "parent")
      unit = "agency_parent";
    else if (where == "agency_commune")
      unit = "applicant_commune";
    else
      unit = object{{"division", where}};
    std::string name = role == "leader" ? "Phê duyệt, ký kết quả" : "Thẩm định hồ sơ";
    if (where == "agency_commune")
      name = role == "leader" ? "UBND xã xác nhận" : "Công chức xã xem xét";
    if (where == "parent") name = "UBND huyện phê duyệt (liên thông)";
    if (fixed) name = "Cơ quan cấp tỉnh phê duyệt (liên thông)";
    steps.push_back(object{{"key", fmt::format("s{}", ++n)},
                           {"name", name},
                           {"role", role},
                           {"unit", unit},
                           {"share", share}});
  }
  object o{{"national_code", p.code},
           {"name", p.name},
           {"sector_code", p.sector_code},
           {"sector_name", p.sector_name},
           {"levels", std::move(levels)},
           {"agency_codes", std::move(agencies)},
           {"online_mode", p.online},
           {"legacy_level", std::string_view(p.online) == "full"      ? 4
                            : std::string_view(p.online) == "partial" ? 3
                                                                      : 2},
           {"processing_days", p.days},
           {"processing_hours", p.hours},
           {"fees", std::move(fees)},
           {"papers", std::move(papers)},
           {"steps", std::move(steps)},
           {"result", "Kết quả giải quyết thủ tục hành chính"},
           {"legal_basis", ""}};
  // What the national catalogue publishes for this procedure: steps, ways, conditions, the
  // papers with their originals and copies, fees with their cases, legal basis.
  static const boost::json::value details = [] {
    auto text = resources::get("resources/onestop/catalog-details.json");
    boost::system::error_code ec;
    auto v = text ? boost::json::parse(*text, ec) : boost::json::value();
    return ec ? boost::json::value() : v;
  }();
  if (details.is_object()) {
    if (const auto* d = details.as_object().at("procedures").as_object().if_contains(p.code)) {
      for (const auto& [k, v] : d->as_object()) o[k] = v;
    }
  }
  return o;
}

// What an applicant would write in a procedure's e-form: a plausible value for each field the
// demo catalogue defines (resources/onestop/catalog-details.json), by its key, else by its type.
object demo_form_data(const onestop::ProcedureDef& def, Rng& rng, const std::string& address,
                      Instant submitted) {
  object data;
  for (const auto& f : def.form) {
    if (!f.required && rng.chance(0.5)) continue;
    if (f.type == "select") {
      data[f.key] = f.options[static_cast<std::size_t>(
          rng.between(0, static_cast<int64_t>(f.options.size()) - 1))];
    } else if (f.type == "number") {
      data[f.key] = f.key == "von"       ? rng.between(5, 200) * 10'000'000
                    : f.key == "so_tang" ? rng.between(1, 5)
                                         : rng.between(1, 150);
    } else if (f.type == "date") {
      data[f.key] = format_iso_date(add_days(local_date(submitted), -rng.between(1, 55)));
    } else if (f.key == "ten_tre" || f.key == "ho_ten_me" || f.key == "ho_ten_cha") {
      data[f.key] = person_name(rng, f.key == "ho_ten_me" || rng.chance(0.5));
    } else if (f.key == "dan_toc") {
      data[f.key] = "Kinh";
    } else if (f.key == "quoc_tich") {
      data[f.key] = "Việt Nam";
    } else if (f.key == "quan_he") {
      data[f.key] = rng.chance(0.5) ? "Mẹ" : "Cha";
    } else if (f.key == "noi_sinh") {
      data[f.key] = "Bệnh viện Đa khoa tỉnh An Khang";
    } else if (f.key == "muc_dich") {
      data[f.key] = rng.chance(0.5) ? "Bổ sung hồ sơ xin việc" : "Du học";
    } else if (f.key == "thua_dat" || f.key == "to_ban_do") {
      data[f.key] = std::to_string(rng.between(1, 400));
    } else if (f.key == "ten_ho_kinh_doanh") {
      data[f.key] = "Hộ kinh doanh " + person_name(rng, rng.chance(0.5));
    } else if (f.key == "nganh_nghe") {
      data[f.key] = rng.chance(0.5) ? "Bán lẻ tạp hóa" : "Dịch vụ ăn uống";
    } else {
      data[f.key] = address;  // addresses: of the applicant, as most declarations are
    }
  }
  return data;
}

// A one-page PDF standing for a scanned paper.
constexpr std::string_view kDemoPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count "
    "1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 "
    "R>>\n%%EOF\n";

struct Officials {
  std::vector<identity::Principal> all;
  // The first official satisfying a requirement (deterministic), searched by unit lineage.
  const identity::Principal* find(const onestop::Requirement& r, const onestop::Dossier& d,
                                  const identity::Authorizer& authz, Rng& rng) const {
    std::vector<const identity::Principal*> ok;
    for (const auto& p : all) {
      // Administrators may do everything, but dossiers are handled by the people on duty.
      bool admin = std::any_of(p.grants.begin(), p.grants.end(), [](const identity::Grant& g) {
        return g.role == identity::Role::kSystemAdmin || g.role == identity::Role::kUnitAdmin;
      });
      if (admin) continue;
      if (onestop::satisfies(r, p, d, authz)) ok.push_back(&p);
      if (ok.size() >= 4) break;
    }
    if (ok.empty()) return nullptr;
    return ok[static_cast<std::size_t>(rng.between(0, static_cast<int64_t>(ok.size()) - 1))];
  }
};

audit::Actor actor_of(const identity::Principal& p) {
  audit::Actor a;
  a.kind = p.is_applicant() ? "applicant" : "official";
  a.id = p.id;
  a.name = p.full_name;
  return a;
}

// Next working instant at least `seconds` of working time after `t`, with a random minute.
Instant later(const calendar::WorkingCalendar& cal, Instant t, int64_t seconds) {
  return cal.add_working_seconds(t, std::max<int64_t>(60, seconds));
}

// About 1,900 procedures: every family × object × verb, at the levels the family works at.
// `since_reform`: as revised on 1 July 2025 — the districts' procedures performed by the
// communes (same codes and times, at the family's commune division).
std::vector<boost::json::object> generated_catalog(Rng& rng, bool since_reform) {
  std::vector<boost::json::object> out;
  int n = 0;
  for (const auto& f : demo_data().families) {
    for (const std::string& obj : f.objects) {
      for (const auto& v : demo_data().verbs) {
        std::vector<const char*> levels = {"province"};
        if (f.district) levels.push_back("district");
        if (f.commune) levels.push_back("commune");
        for (const char* level : levels) {
          ++n;
          std::string lv(level);
          int days = static_cast<int>(std::max(1.0, (lv == "province"   ? 15
                                                     : lv == "district" ? 10
                                                                        : 5) *
                                                        v.days_factor * (0.5 + rng.unit())));
          double u = rng.unit();
          const char* online = u < 0.45 ? "full" : u < 0.85 ? "partial" : "none";
          array steps;
          if (lv == "province") {
            steps.push_back(object{{"key", "review"},
                                   {"name", "Thẩm định hồ sơ"},
                                   {"role", "specialist"},
                                   {"unit", object{{"division", f.division}}},
                                   {"share", 0.7}});
          } else if (lv == "district") {
            steps.push_back(object{
                {"key", "review"},
                {"name", "Thẩm định hồ sơ"},
                {"role", "specialist"},
                {"unit", object{{"division", since_reform ? f.commune_division : "Phòng Tư pháp"}}},
                {"share", 0.7}});
          } else {
            steps.push_back(object{{"key", "review"},
                                   {"name", "Công chức xem xét"},
                                   {"role", "specialist"},
                                   {"unit", "agency"},
                                   {"share", 0.7}});
          }
          steps.push_back(object{{"key", "approve"},
                                 {"name", "Phê duyệt, ký kết quả"},
                                 {"role", "leader"},
                                 {"unit", "agency"},
                                 {"share", 0.3}});
          array agencies;
          if (lv == "province") agencies.push_back(boost::json::string(f.department));
          int64_t fee = rng.chance(0.5) ? 0 : rng.between(1, 40) * 25000;
          array fees;
          if (fee > 0) fees.push_back(object{{"name", "Lệ phí"}, {"amount", fee}});
          std::string name = fmt::format("{} {}", v.prefix, obj);
          if (lv == "district")
            name += since_reform ? " (cấp xã, trước đây cấp huyện)" : " (cấp huyện)";
          if (lv == "commune") name += " (cấp xã)";
          // Codes above 1.100000 keep clear of the real codes of the hand-written procedures.
          out.push_back(object{
              {"national_code", fmt::format("{}.{:06}",
                                            lv == "province"   ? 1
                                            : lv == "district" ? 2
                                                               : 3,
                                            100000 + n)},
              {"name", name},
              {"sector_code", f.sector_code},
              {"sector_name", f.sector_name},
              {"levels", array{since_reform && lv == "district" ? "commune" : level}},
              {"agency_codes", std::move(agencies)},
              {"online_mode", online},
              {"legacy_level", std::string_view(online) == "full"      ? 4
                               : std::string_view(online) == "partial" ? 3
                                                                       : 2},
              {"processing_days", days},
              {"fees", std::move(fees)},
              {"papers",
               array{object{{"name", fmt::format("Đơn đề nghị {} {}", text::lower(v.prefix), obj)}},
                     object{{"name", "Giấy tờ chứng minh theo quy định"},
                            {"copies", 1},
                            {"originals", 0}}}},
              {"steps", std::move(steps)},
              {"result", "Văn bản giải quyết thủ tục hành chính"},
              {"legal_basis", "Theo quy định của pháp luật chuyên ngành"}});
        }
      }
    }
  }
  return out;
}

// Copies closed dossiers (with their timelines and ratings) into earlier years, with codes of
// their new day; used to reach millions of dossiers in minutes rather than running each one
// through the service. Only finished dossiers are copied, so no copy is open in the past. When
// the templates span less than a year (the history before the departments' mergers runs from
// July to February), each copy year is filled by spreading them over the whole year, by whole
// weeks so that weekdays stay: no month of an earlier year is left empty.
Result<int> clone_dossiers(Services& s, int wanted, int years) {
  struct Template {
    int64_t id = 0;
    std::string agency_code;
    int64_t seq = 0;
    int64_t submitted_at = 0;
  };
  std::vector<Template> templates;
  TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT d.id, u.code, d.submitted_at, d.code FROM dossiers d "
                            "JOIN units u ON u.id = d.agency_unit_id WHERE d.closed_at IS NOT NULL "
                            "ORDER BY d.id"));
    for (const auto& r : rows) {
      std::string code = r.str(3);
      templates.push_back(
          {r.i64(0), r.str(1), std::stoll(code.substr(code.rfind('-') + 1)), r.i64(2)});
    }
    return ok_status();
  }));
  if (templates.empty()) return 0;
  Date first_day = local_date(from_millis(templates.front().submitted_at)), last_day = first_day;
  for (const auto& t : templates) {
    Date d = local_date(from_millis(t.submitted_at));
    first_day = std::min(first_day, d);
    last_day = std::max(last_day, d);
  }
  const int span = days_between(first_day, last_day) + 1;
  const double stretch = span < 364 ? 364.0 / span - 1.0 : 0.0;
  // Days a template moves forward within its copy year: a multiple of 7, rounded down so that
  // the last day still lands before the history made through the service. Distinct days of the
  // templates stay distinct (each day moves at least as far as the day before it), so codes
  // stay unique.
  auto spread_days = [&](int64_t submitted_at) -> int64_t {
    int offset = days_between(first_day, local_date(from_millis(submitted_at)));
    return 7 * static_cast<int64_t>(std::floor(offset * stretch / 7.0));
  };
  const std::string cols =
      "procedure_id, procedure_version_id, agency_unit_id, desk_unit_id, channel, status, outcome, "
      "applicant_account_id, "
      "applicant_kind, applicant_name, applicant_id_number, applicant_tax_code, applicant_address, "
      "applicant_commune_unit_id, applicant_phone, applicant_email, applicant_folded, form_data, "
      "papers_received, "
      "sets_count, received_by, paused_seconds, return_method, timeliness, processing_seconds, "
      "current_step, "
      "current_unit_id, current_assignee_id, fee_amount, fee_paid_online, result_file_id, "
      "result_note, "
      "supplement_count, version";
  const std::string shifted =
      "submitted_at, received_at, counting_start, due_at, original_due_at, apology_due_at, "
      "paused_since, finished_at, "
      "returned_at, closed_at, step_started_at, step_due_at, fee_paid_at, rated_at, synced_at, "
      "created_at, updated_at";
  std::string shifted_select;
  for (auto part : text::split(shifted, ',')) {
    std::string c(text::trim(part));
    shifted_select += (shifted_select.empty() ? "" : ", ") + c + " + $2";
  }
  const std::string insert_dossier = "INSERT INTO dossiers (code, " + cols + ", " + shifted +
                                     ") SELECT $1, " + cols + ", " + shifted_select +
                                     " FROM dossiers WHERE id = $3 RETURNING id";
  const std::string insert_events =
      "INSERT INTO dossier_events (dossier_id, at, action, status_from, status_to, step_from, "
      "step_to, unit_from, "
      "unit_to, actor_kind, actor_id, actor_name, assignee_to, step_due_at, timeliness, note, "
      "data) SELECT $1, at + $2, "
      "action, status_from, status_to, step_from, step_to, unit_from, unit_to, actor_kind, "
      "actor_id, actor_name, "
      "assignee_to, step_due_at + $2, timeliness, note, data FROM dossier_events WHERE dossier_id "
      "= $3 ORDER BY id";
  const std::string insert_ratings =
      "INSERT INTO dossier_ratings (dossier_id, agency_unit_id, rated_at, answers, satisfied, "
      "comment) SELECT $1, "
      "agency_unit_id, rated_at + $2, answers, satisfied, comment FROM dossier_ratings WHERE "
      "dossier_id = $3";
  // Secondary indexes are dropped for the copy and built again afterwards: sorting once is far
  // cheaper than millions of random B-tree inserts once the table outgrows the page cache. The
  // timeline's index by dossier stays: the copy reads through it, and new ids only append.
  // A write may run its function again (PostgreSQL retries serialisation failures): the
  // functions below fill only their own locals, and what they did counts once committed.
  std::vector<std::string> index_sql;
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    index_sql.clear();
    const char* list =
        tx.is_postgres()
            ? "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('dossiers', "
              "'dossier_events') "
              "AND indexdef NOT LIKE 'CREATE UNIQUE%' AND indexname <> 'dossier_events_dossier'"
            : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
              "('dossiers', 'dossier_events') "
              "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND name <> "
              "'dossier_events_dossier'";
    TS_ASSIGN_OR_RETURN(auto rows, tx.query(list));
    for (const auto& r : rows) {
      index_sql.push_back(r.str(1));
      // The name comes from the catalog, not from input.
      TS_TRY(tx.exec("DROP INDEX " + r.str(0)));
    }
    return ok_status();
  }));
  int made = 0;
  const int per_batch = 2000;
  for (int64_t c = 0; made < wanted; ++c) {
    // Copy c goes (c mod years) + 1 years back (whole weeks, so weekdays stay), and its
    // sequence numbers are widened past those of the copies before it on the same day.
    int64_t back_days = 364 * (c % years + 1);
    int64_t shift_ms = -back_days * 86400 * 1000;
    int64_t seq_offset = 10000 * (c / years + 1);
    std::size_t start = 0;
    while (start < templates.size() && made < wanted) {
      std::size_t end = std::min(templates.size(), start + per_batch);
      auto st = s.db.write([&](storage::Tx& tx) -> Result<int> {
        int copied = 0;
        for (std::size_t i = start; i < end && made + copied < wanted; ++i) {
          const Template& t = templates[i];
          const int64_t shift = shift_ms + spread_days(t.submitted_at) * 86400 * 1000;
          Date day = local_date(from_millis(t.submitted_at + shift));
          std::string new_code =
              fmt::format("{}-{:02}{:02}{:02}-{:04}", t.agency_code,
                          static_cast<int>(day.year()) % 100, static_cast<unsigned>(day.month()),
                          static_cast<unsigned>(day.day()), t.seq + seq_offset);
          TS_ASSIGN_OR_RETURN(auto id, tx.query(insert_dossier, {new_code, shift, t.id}));
          int64_t new_id = id.front().i64(0);
          TS_TRY(tx.exec(insert_events, {new_id, shift, t.id}));
          TS_TRY(tx.exec(insert_ratings, {new_id, shift, t.id}));
          ++copied;
        }
        return copied;
      });
      TS_TRY(st);
      made += *st;
      start = end;
      if (made % 100000 < per_batch) {
        std::printf("Demo: %d dossiers copied\n", made);
        std::fflush(stdout);
      }
    }
  }
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    for (const auto& sql : index_sql) TS_TRY(tx.exec(sql));
    return ok_status();
  }));
  return made;
}

}  // namespace

Result<OneStopDemo> build_onestop_demo(OneStop& m, const OneStopDemoOptions& o) {
  Services& s = m.services();
  OneStopDemo out;
  // 1. The catalog.
  std::vector<onestop::ProcedureDef> defs;
  for (const auto& p : catalog()) {
    TS_ASSIGN_OR_RETURN(auto j, procedure_json_of(p, o.since_reform));
    auto def = onestop::parse_procedure(j);
    if (!def.ok())
      return Error::internal(fmt::format("demo procedure {}: {}", p.code, def.error().describe()));
    defs.push_back(std::move(*def));
  }
  {
    Rng catalog_rng(o.seed ^ 0x63617461ull);
    for (auto& j : generated_catalog(catalog_rng, o.since_reform)) {
      auto def = onestop::parse_procedure(j);
      if (!def.ok()) {
        return Error::internal(fmt::format("demo procedure {}: {}",
                                           std::string(j.at("name").as_string()),
                                           def.error().describe()));
      }
      defs.push_back(std::move(*def));
    }
  }
  {
    // A procedure of a unit reorganised away is announced again under the unit that took it
    // over (a new version from the period's first day; dossiers received before keep theirs).
    auto tree = s.org.get();
    for (auto& d : defs) {
      for (auto& code : d.agency_codes) {
        const auto* u = tree->resolve_code(code);
        if (u != nullptr && u->code != code) code = u->code;
      }
    }
  }
  const Instant real_now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const std::chrono::milliseconds saved_offset = s.clock.offset();
  auto at = [&](Instant t) {
    s.clock.set_offset(std::chrono::duration_cast<std::chrono::milliseconds>(t - real_now));
  };
  // The catalogue as it stood on the period's first morning (a revision since the reform is
  // recorded as new versions on 1 July 2025).
  at(std::min(real_now, local_instant(o.from, 7 * 60)));
  auto imported =
      s.changes.apply(audit::Actor::system("Dữ liệu mẫu (tinhso demo)"),
                      [&](audit::ChangeTx& tx) { return onestop::import_catalog(tx, defs); });
  s.clock.set_offset(saved_offset);
  if (!imported.ok()) return imported.error();
  out.procedures = imported->created + imported->updated;
  if (o.through_service <= 0 && o.copies <= 0) return out;

  // 2. Citizens who submit online: applicant accounts with the demo password.
  TS_TRY(s.changes.apply(
      audit::Actor::system("Dữ liệu mẫu (tinhso demo)"), [&](audit::ChangeTx& tx) -> Status {
        TS_ASSIGN_OR_RETURN(
            auto hash, tx.sql().query("SELECT password_hash FROM applicants ORDER BY id LIMIT 1"));
        if (hash.empty()) return Error::internal("demo applicants missing");
        TS_ASSIGN_OR_RETURN(
            auto existing,
            tx.sql().query("SELECT count(*) FROM applicants WHERE phone LIKE '0971%'"));
        if (existing.front().i64(0) > 0) {
          tx.mark_unchanged();
          return ok_status();  // a previous run created them
        }
        Rng names(o.seed ^ 0x6369746bull);
        for (int k = 0; k < o.citizens; ++k) {
          std::string name = person_name(names, names.chance(0.5));
          std::string phone = fmt::format("097{:07}", 1000000 + k);
          TS_ASSIGN_OR_RETURN(auto rows,
                              tx.sql().query("INSERT INTO applicants (kind, full_name, phone, "
                                             "email, id_number, tax_code, address, password_hash, "
                                             "created_at, updated_at) VALUES ('citizen', $1, $2, "
                                             "NULL, $3, NULL, NULL, $4, $5, $5) RETURNING id",
                                             {name, phone, fmt::format("047{:09}", 100000000 + k),
                                              hash.front().str(0), tx.now_ms()}));
          TS_TRY(tx.record("applicant.create", "applicant", rows.front().i64(0),
                           object{{"kind", "citizen"}, {"full_name", name}, {"phone", phone}}));
        }
        return ok_status();
      }));

  // 3. Who can act: every official and every applicant account.
  Officials officials;
  std::vector<identity::Principal> applicants;
  std::vector<onestop::ProcedureSummary> procs;
  TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto ids,
                        tx.query("SELECT id FROM officials WHERE active = 1 ORDER BY id"));
    for (const auto& r : ids) {
      TS_ASSIGN_OR_RETURN(
          auto p, identity::load_principal(tx, identity::PrincipalKind::kOfficial, r.i64(0)));
      if (p) officials.all.push_back(std::move(*p));
    }
    TS_ASSIGN_OR_RETURN(auto aids, tx.query("SELECT id FROM applicants ORDER BY id"));
    for (const auto& r : aids) {
      TS_ASSIGN_OR_RETURN(
          auto p, identity::load_principal(tx, identity::PrincipalKind::kApplicant, r.i64(0)));
      if (p) applicants.push_back(std::move(*p));
    }
    for (const auto& spec : catalog()) {
      TS_ASSIGN_OR_RETURN(auto p, onestop::find_procedure(tx, spec.code));
      if (p) procs.push_back(*p);
    }
    return ok_status();
  }));
  if (procs.size() != catalog().size())
    return Error::internal("demo procedures missing after import");

  auto org = s.org.get();
  auto cal = s.calendar.get();
  // Each period its own draws: the periods before the reform differ only by their days.
  Rng rng(o.seed ^ 0x6f6e6573746f70ull ^ (o.since_reform ? 0x2025ull : 0) ^
          static_cast<uint64_t>(std::chrono::sys_days(o.from).time_since_epoch().count()));
  double total_weight = 0;
  for (const auto& p : catalog()) total_weight += p.weight;
  // What has not happened by the end of the period stays where it is.
  const Instant period_end = std::min(real_now, local_instant(add_days(o.until, 1), 0));
  const int span = std::max(1, days_between(o.from, o.until) + 1);
  std::vector<int64_t> communes;
  for (std::vector<int64_t> todo = org->roots(); !todo.empty();) {
    int64_t id = todo.back();
    todo.pop_back();
    const auto* u = org->find(id);
    if (u != nullptr && u->active && u->level == identity::kCommuneLevel && org->is_committee(*u))
      communes.push_back(id);
    for (int64_t c : org->children(id)) todo.push_back(c);
  }
  std::sort(communes.begin(), communes.end());

  // The lifecycle of a dossier, one action at a time from `t`, until it is done or the end of
  // the period is reached.
  auto advance = [&](onestop::Dossier d, const onestop::ProcedureDef& def, Instant t) {
    int64_t total = onestop::processing_seconds(def, d.channel, cal->rules().seconds_per_day());
    // The lifecycle, one action at a time, until it is done or "now" is reached.
    for (int guard = 0; guard < 20; ++guard) {
      onestop::ActionInput in;
      const identity::Principal* who = nullptr;
      int64_t spend = 0;
      if (d.status == DossierStatus::kSubmitted) {
        in.action = rng.chance(0.015)  ? Action::kDeskRefuse
                    : rng.chance(0.04) ? Action::kDeskSupplement
                                       : Action::kReceive;
        if (in.action == Action::kDeskRefuse)
          in.note = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.";
        if (in.action == Action::kDeskSupplement)
          in.items = {"Bổ sung bản sao giấy tờ tùy thân còn hiệu lực."};
        spend = rng.between(5 * 60, 3 * 3600);
      } else if (d.status == DossierStatus::kSupplementRequested) {
        in.action = Action::kSupply;
        spend = rng.between(3600, 3 * 8 * 3600);
      } else if (d.status == DossierStatus::kInProgress) {
        auto steps = static_cast<int64_t>(def.steps.size());
        if (d.current_step >= steps) {
          in.action = Action::kReturnResult;
          in.return_method = d.channel == "online" ? "online" : "desk";
          spend = rng.between(600, 2 * 8 * 3600);
        } else {
          double share = def.steps[static_cast<std::size_t>(d.current_step)].share;
          // Most steps finish early; about one in twelve runs late.
          double factor = rng.chance(0.08) ? 1.05 + rng.unit() * 0.8 : 0.15 + rng.unit() * 0.8;
          spend = static_cast<int64_t>(static_cast<double>(total) * share * factor);
          if (d.current_step == 0 && rng.chance(0.05) && d.supplement_count == 0) {
            in.action = Action::kRequestSupplement;
            in.items = {"Bổ sung giấy tờ chứng minh theo quy định."};
            in.note = "Thành phần hồ sơ chưa đầy đủ.";
            spend /= 3;
          } else if (d.current_step + 1 >= steps) {
            in.action = rng.chance(0.01) ? Action::kRefuse : Action::kApprove;
            if (in.action == Action::kRefuse) in.note = "Không đủ điều kiện theo quy định.";
            in.result_note = "Đã ký kết quả giải quyết.";
          } else {
            in.action = Action::kForward;
          }
        }
      } else if (d.fee_amount > 0 && !d.fee_paid_at &&
                 (d.status == DossierStatus::kFeesRequested || d.status == DossierStatus::kDone)) {
        // Fees are paid before processing or before the result, online for most online
        // dossiers, at the desk otherwise.
        in.action = Action::kPayFees;
        in.payment_reference = fmt::format("BL-{}", d.code);
        if (d.channel == "online" && d.applicant_account_id && rng.chance(0.6)) {
          for (const auto& a : applicants)
            if (a.id == *d.applicant_account_id) who = &a;
        }
        spend = rng.between(600, 8 * 3600);
      } else if (d.status == DossierStatus::kDone) {
        in.action = Action::kReturnResult;
        in.return_method = d.channel == "online" ? "online" : "desk";
        spend = rng.between(600, 2 * 8 * 3600);
      } else if (d.status == DossierStatus::kReturned && d.applicant_account_id && !d.rated_at &&
                 rng.chance(0.7)) {
        in.action = Action::kRate;
        for (const auto& c : onestop::rating_criteria())
          in.answers[c.key] = rng.chance(0.93) ? 2 : rng.chance(0.5) ? 1 : 0;
        spend = rng.between(600, 8 * 3600);
      } else {
        break;
      }
      Instant next = later(*cal, t, spend);
      if (next >= period_end) break;  // not yet happened: the dossier stays where it is
      at(next);
      onestop::World w{def, *org, *cal, next, m.dossiers().warning_seconds()};
      auto req = onestop::requirement(d, in.action, w);
      if (req.applicant && d.applicant_account_id && in.action != Action::kPayFees) {
        for (const auto& a : applicants) {
          if (a.id == *d.applicant_account_id) who = &a;
        }
      }
      if (who == nullptr) who = officials.find(req, d, s.authorizer, rng);
      if (who == nullptr) {
        spdlog::warn("demo: nobody may {} dossier {} ({})", onestop::action_name(in.action), d.code,
                     def.name);
        break;
      }
      if (in.action == Action::kApprove &&
          (d.channel == "online" || d.requested_return_method == "online" || rng.chance(0.8))) {
        // The signed result, digitised (QĐ 766 counts digitised results).
        auto f =
            m.files().put(s.changes, actor_of(*who), "ket-qua.pdf", "application/pdf", kDemoPdf);
        if (f.ok()) in.result_file_id = f->id;
      }
      auto r = m.dossiers().act(*who, actor_of(*who), d.id, d.version, in, {});
      if (!r.ok()) {
        spdlog::warn("demo: {} on {} failed: {}", onestop::action_name(in.action), d.code,
                     r.error().describe());
        break;
      }
      d = *r;
      t = next;
    }
  };

  // The dossiers still open at the end of the period before (received before the reform and
  // moved by it), results waiting to be returned included, carry on from the period's first
  // morning.
  TS_ASSIGN_OR_RETURN(auto carried, s.db.read([&](storage::Tx& tx) -> Result<std::vector<int64_t>> {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM dossiers WHERE (closed_at IS NULL OR "
                                            "status = 'done') AND submitted_at < $1 ORDER BY id",
                                            {to_millis(local_instant(o.from, 0))}));
    std::vector<int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.i64(0));
    return ids;
  }));
  for (int64_t id : carried) {
    auto d = m.dossiers().load(id);
    auto def = d.ok() ? s.db.read([&](storage::Tx& tx) {
      return m.procedures().version(tx, d->procedure_version_id);
    })
                      : Result<std::shared_ptr<const onestop::ProcedureDef>>(d.error());
    if (!def.ok()) {
      spdlog::warn("demo: dossier {} cannot carry on: {}", id, def.error().describe());
      continue;
    }
    // After the reorganisation of that morning (07:00).
    advance(*d, **def, local_instant(o.from, 8 * 60));
  }

  int online_count = 0;
  for (int i = 0; i < o.through_service; ++i) {
    // Pick a procedure by weight.
    double pick = rng.unit() * total_weight;
    std::size_t pi = 0;
    for (; pi + 1 < catalog().size(); ++pi) {
      pick -= catalog()[pi].weight;
      if (pick < 0) break;
    }
    const auto& spec = catalog()[pi];
    const auto& proc = procs[pi];
    auto def = m.procedures().cached(proc.current_version_id);
    if (!def) {
      TS_ASSIGN_OR_RETURN(def, s.db.read([&](storage::Tx& tx) {
        return m.procedures().version(tx, proc.current_version_id);
      }));
    }
    auto agencies = onestop::agencies_for(*def, *org);
    if (agencies.empty()) continue;
    int64_t agency = agencies[static_cast<std::size_t>(
        rng.between(0, static_cast<int64_t>(agencies.size()) - 1))];

    // Submitted on a day of the period, during the day; recent ones are still in progress.
    int64_t day = rng.between(0, span - 1);
    Instant submitted = local_instant(add_days(o.from, static_cast<int>(day)),
                                      static_cast<int>(rng.between(7 * 60 + 30, 20 * 60)));
    if (submitted >= period_end) submitted = period_end - std::chrono::minutes(rng.between(5, 600));
    bool online = std::string_view(spec.online) != "none" &&
                  rng.chance(std::string_view(spec.online) == "full" ? 0.6 : 0.3);
    onestop::Submission sub;
    sub.procedure_id = proc.id;
    sub.agency_unit_id = agency;
    sub.channel = online ? "online" : (rng.chance(0.03) ? "postal" : "desk");
    bool female = rng.chance(0.5);
    // Online dossiers come from applicant accounts (citizens sign in to submit). The demo
    // citizen whose login `tinhso demo` prints (the first account) submits the period's first
    // online dossier and a few more, so "Hồ sơ của tôi" is never empty for whoever tries it.
    const identity::Principal* applicant = nullptr;
    if (online) {
      bool demo_citizen = online_count++ == 0 || rng.chance(0.02);
      applicant = &applicants[demo_citizen ? 0
                                           : static_cast<std::size_t>(rng.between(
                                                 0, static_cast<int64_t>(applicants.size()) - 1))];
    }
    sub.applicant_name = applicant ? applicant->full_name : person_name(rng, female);
    sub.applicant_kind =
        applicant && applicant->full_name.starts_with("Công ty") ? "business" : "citizen";
    sub.phone = fmt::format("09{:08}", rng.between(0, 99999999));
    sub.id_number = fmt::format("047{:09}", rng.between(0, 999999999));
    const auto* au = org->find(agency);
    if (au != nullptr && au->level == identity::kCommuneLevel) {
      sub.applicant_commune_unit_id = agency;
    } else if (!communes.empty()) {
      int64_t c = communes[static_cast<std::size_t>(
          rng.between(0, static_cast<int64_t>(communes.size()) - 1))];
      if (au != nullptr && au->level == identity::kDistrictLevel) {
        for (int64_t child : org->children(agency)) {
          const auto* cu = org->find(child);
          if (cu && cu->level == identity::kCommuneLevel) {
            c = child;
            if (rng.chance(0.3)) break;
          }
        }
      }
      sub.applicant_commune_unit_id = c;
    }
    const auto* cu =
        sub.applicant_commune_unit_id ? org->find(*sub.applicant_commune_unit_id) : nullptr;
    sub.address = fmt::format(
        "Thôn {}, {}", rng.between(1, 12),
        cu ? cu->name.substr(cu->name.find("Xã") != std::string::npos ? cu->name.find("Xã") : 0)
           : std::string("tỉnh An Khang"));
    sub.form_data = demo_form_data(*def, rng, sub.address.value_or(""), submitted);
    at(submitted);
    Result<onestop::Dossier> created = Error::internal("unset");
    if (online) {
      const auto& who = *applicant;
      sub.applicant_name = who.full_name;
      // Each paper is uploaded by the applicant first, as the portal does.
      bool uploaded = true;
      for (std::size_t k = 0; k < def->papers.size() && uploaded; ++k) {
        auto f = m.files().put(s.changes, actor_of(who), fmt::format("giay-to-{}.pdf", k + 1),
                               "application/pdf", kDemoPdf);
        if (!f.ok()) {
          spdlog::warn("demo upload failed: {}", f.error().describe());
          uploaded = false;
          break;
        }
        sub.papers.push_back(onestop::PaperFiles{static_cast<int64_t>(k), {f->id}});
      }
      if (!uploaded) continue;
      created = m.dossiers().submit_online(who, actor_of(who), sub);
    } else {
      const auto* desk =
          officials.find(onestop::Requirement{true, onestop::kReceiveDossier,
                                              onestop::desk_for(agency, *org), false},
                         onestop::Dossier{}, s.authorizer, rng);
      if (desk == nullptr) continue;
      for (std::size_t k = 0; k < def->papers.size(); ++k) {
        sub.papers_received.push_back(object{{"index", static_cast<int64_t>(k)},
                                             {"originals", def->papers[k].originals},
                                             {"copies", def->papers[k].copies}});
      }
      created = m.dossiers().create_at_desk(*desk, actor_of(*desk), sub);
    }
    if (!created.ok()) {
      spdlog::warn("demo dossier {} not created: {}", i, created.error().describe());
      continue;
    }
    ++out.dossiers;
    advance(*created, *def, submitted);
  }
  s.clock.set_offset(saved_offset);
  if (o.copies > 0) {
    std::printf(
        "Demo: %d dossiers through the service; copying finished ones into earlier years…\n",
        out.dossiers);
    std::fflush(stdout);
    TS_ASSIGN_OR_RETURN(int copied, clone_dossiers(s, o.copies, std::max(1, o.years - 1)));

    out.dossiers += copied;
    // Copies carry no counters or public views of their own: compute them from the dossiers.
    TS_TRY(s.db.write([](storage::Tx& tx) { return onestop::rebuild_stats(tx); }));
    TS_TRY(m.dossiers().render_public_views());
  }
  // The period's days' open/overdue snapshots, so that statistics of past periods are complete.
  Date last = std::min(o.until, local_date(real_now));
  TS_TRY(s.db.write(
      [&](storage::Tx& tx) { return onestop::rebuild_open_snapshots(tx, o.from, last); }));
  return out;
}

namespace {

// How the context's dossiers are shared: up to `kThroughService` run through the service, a
// third in the year before the reform (shared by length between the periods before and after
// the departments' mergers) and two thirds in the longer period since (all in the one before
// when the demo stops before the reform); the rest are copies of finished ones into the years
// before, made by the history's first period.
constexpr int kThroughService = 3000;

OneStopDemoOptions options_of(const DemoContext& context, bool before_reform) {
  OneStopDemoOptions o;
  o.seed = context.seed;
  o.from = context.from;
  o.until = context.until;
  bool last = !before_reform || context.until >= context.reform_on;
  o.since_reform = !before_reform;
  int service = std::min(std::max(0, context.dossiers), kThroughService);
  int before = last ? service : service / 3;
  if (before_reform && !last) {
    int whole = days_between(context.history_from, context.reform_on);
    int span = days_between(context.from, context.until) + 1;
    if (whole > 0 && span < whole) before = before * span / whole;
  }
  o.through_service = before_reform ? before : service - service / 3;
  o.copies = before_reform && context.from == context.history_from ? context.dossiers - service : 0;
  o.copies = std::max(0, o.copies);
  return o;
}

Result<std::string> build_period(Module& module, const DemoContext& context, bool before_reform) {
  auto options = options_of(context, before_reform);
  TS_ASSIGN_OR_RETURN(auto made, build_onestop_demo(static_cast<OneStop&>(module), options));
  return fmt::format(
      "{} procedures written or revised, {} dossiers from {} to {}", made.procedures, made.dossiers,
      format_vn_date(options.copies > 0 ? add_days(context.from, -364 * (options.years - 1))
                                        : context.from),
      format_vn_date(context.until));
}

}  // namespace

Result<std::string> build_before_reform(Module& module, const DemoContext& context) {
  return build_period(module, context, /*before_reform=*/true);
}

Result<std::string> build(Module& module, const DemoContext& context) {
  return build_period(module, context, /*before_reform=*/false);
}

}  // namespace tinhso::onestop::demo
