// Routes: /api/v1/sectors, /api/v1/procedures/… — the public procedure catalog (search,
// detail, reception points) and its administration (create, new version, (de)activate, import,
// export).
#include <algorithm>
#include <boost/json.hpp>
#include <limits>

#include "core/audit/change_log.h"
#include "core/base/text.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"
#include "onestop/access.h"
#include "onestop/config.h"
#include "onestop/forms.h"
#include "onestop/module.h"
#include "onestop/permissions.h"
#include "onestop/reception.h"
#include "onestop/routes.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;

// A unit a citizen chooses (an agency, a reception point). Communes share names across the
// province: the parent's name says which one.
std::optional<object> unit_choice_json(const identity::OrgTree& org, int64_t id) {
  const auto* u = org.find(id);
  if (u == nullptr) return std::nullopt;
  const auto* parent = u->parent_id ? org.find(*u->parent_id) : nullptr;
  return object{{"id", u->id},
                {"code", u->code},
                {"name", u->name},
                {"parent_name", parent ? boost::json::value(parent->name) : nullptr}};
}

Result<object> procedure_detail(storage::Tx& tx, ProcedureCache& cache, const ProcedureSummary& p) {
  TS_ASSIGN_OR_RETURN(auto def, cache.version(tx, p.current_version_id));
  object o = summary_json(p);
  o["definition"] = procedure_json(*def);
  return o;
}

// The answer to a create or an update, from the definition just stored. Not through the
// cache: it is filled from committed versions only, because a version id written in a
// transaction that then fails to commit is given again (SQLite reuses it) to another version.
object stored_detail(const ProcedureSummary& p, const ProcedureDef& def) {
  object o = summary_json(p);
  o["definition"] = procedure_json(def);
  return o;
}

const char* kProcedureSchema =
    R"({"type":"object","required":["national_code","name","sector_code","levels"],
  "properties":{"national_code":{"type":"string","example":"1.001234"},"name":{"type":"string"},
  "sector_code":{"type":"string"},"sector_name":{"type":"string"},
  "levels":{"type":"array","items":{"type":"string","description":"a key of vocabulary unit_levels"}},
  "agency_codes":{"type":"array","items":{"type":"string"}},
  "online_mode":{"type":"string","enum":["full","partial","none"]},"legacy_level":{"type":"integer"},
  "processing_days":{"type":"integer"},"processing_hours":{"type":"integer"},"online_days":{"type":["integer","null"]},
  "fees":{"type":"array"},"papers":{"type":"array"},"form":{"type":"array"},"steps":{"type":"array"},
  "result":{"type":"string"},"legal_basis":{"type":"string"}}})";

}  // namespace

void register_catalog_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Execution;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/sectors",
      .summary = "Sectors (lĩnh vực) of the catalog with their number of active procedures",
      .tag = "catalog",
      .access = Access::kPublic,
      .handler = [&s](http::Context&) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto sectors,
                            s.db.read([](storage::Tx& tx) { return list_sectors(tx); }));
        array items;
        for (const auto& sec : sectors) {
          items.push_back(object{{"id", sec.id},
                                 {"code", sec.code},
                                 {"name", sec.name},
                                 {"procedures", sec.procedures}});
        }
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures",
      .summary = "Search the procedure catalog by name, code or sector (accents optional; exact "
                 "accents rank first)",
      .tag = "catalog",
      .access = Access::kPublic,
      .query = {{"q", "Text: name, national code or sector"},
                {"sector_id", "Sector", false, "integer"},
                {"level", "A key of vocabulary unit_levels"},
                {"agency_code", "Procedures this agency performs"},
                {"online_mode", "full | partial | none"},
                {"include_inactive", "1 to include withdrawn procedures (administrators)"},
                {"limit", "Page size (max 100)", false, "integer"},
                {"cursor", "next_cursor of the previous page"},
                {"offset", "Deprecated (use cursor): rows to skip", false, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        CatalogQuery q;
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        if (text::length_utf8(q.text) > 200)
          return Error::validation("q", "Từ khóa tìm kiếm quá dài.");
        TS_ASSIGN_OR_RETURN(q.sector_id, ctx.query_int("sector_id", 1, INT64_MAX));
        if (auto l = ctx.request().query_param("level")) {
          if (s.org.get()->level(*l) == nullptr)
            return Error::validation("level", "Cấp không có trong danh mục cấp.");
          q.level = std::string(*l);
        }
        if (auto a = ctx.request().query_param("agency_code")) {
          auto org = s.org.get();
          const auto* u = org->find_by_code(*a);
          if (u == nullptr)
            return Error::validation("agency_code", "Không tìm thấy cơ quan có mã này.");
          q.agency_code = u->code;
          q.agency_inherited_codes = org->inherited_codes(u->id);
          q.agency_level = u->level;
        }
        if (auto o = ctx.request().query_param("online_mode")) {
          if (*o != "full" && *o != "partial" && *o != "none")
            return Error::validation("online_mode",
                                     "Mức độ dịch vụ không hợp lệ (full, partial, none).");
          q.online_mode = std::string(*o);
        }
        q.include_inactive = ctx.request().query_param("include_inactive") == "1" &&
                             ctx.principal() != nullptr && !ctx.principal()->is_applicant();
        TS_ASSIGN_OR_RETURN(auto paging, http::parse_page(ctx.request(), 20, 100));
        q.limit = paging.limit;
        // The catalogue's order is a ranking computed per request (exact accents first), not a
        // column: its cursor carries the position reached. `offset` is the deprecated spelling.
        if (paging.after) {
          const auto* o = paging.after->if_contains("o");
          if (o == nullptr || !o->is_int64() || o->as_int64() < 0 || o->as_int64() > 1'000'000)
            return http::bad_cursor();
          q.offset = static_cast<int>(o->as_int64());
        } else {
          TS_ASSIGN_OR_RETURN(auto offset, ctx.query_int("offset", 0, 1'000'000));
          q.offset = static_cast<int>(offset.value_or(0));
        }
        TS_ASSIGN_OR_RETURN(auto page,
                            s.db.read([&](storage::Tx& tx) { return search_catalog(tx, q); }));
        array items;
        for (const auto& p : page.items) items.push_back(summary_json(p));
        int64_t reached = q.offset + static_cast<int64_t>(items.size());
        std::optional<object> next;
        if (!items.empty() && reached < page.total) next = object{{"o", reached}};
        object out = http::page_json(std::move(items), std::move(next));
        out["total"] = page.total;
        return http::Response::json(out);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures/export",
      .summary = "Export the whole catalog as JSON (definitions) or CSV (flat fields)",
      .tag = "catalog",
      .access = Access::kPublic,  // the catalog is public information (Nghị định 63/2010)
      .query = {{"format", "json (default) | csv"}},
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        if (ctx.request().query_param("format") == "csv") {
          TS_ASSIGN_OR_RETURN(auto csv, s.db.read([&](storage::Tx& tx) {
            return export_catalog_csv(tx, m.procedures());
          }));
          return http::Response::file(std::move(csv), "text/csv; charset=utf-8",
                                      "thu-tuc-hanh-chinh.csv");
        }
        TS_ASSIGN_OR_RETURN(auto items, s.db.read([&](storage::Tx& tx) {
          return export_catalog_json(tx, m.procedures());
        }));
        return http::Response::file(
            boost::json::serialize(object{{"procedures", std::move(items)}}),
            "application/json; charset=utf-8", "thu-tuc-hanh-chinh.json");
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/procedures/import",
      .summary = "Import procedures: JSON {procedures:[…]} with full definitions, or CSV (flat "
                 "fields); all or nothing",
      .tag = "catalog",
      .access = Access::kOfficial,
      .body_limit = 32 << 20,
      .deadline = std::chrono::seconds(120),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_catalog(ctx.who(), s.authorizer)));
        std::vector<ProcedureDef> defs;
        auto type = ctx.request().header("content-type").value_or("");
        if (type.starts_with("text/csv")) {
          TS_ASSIGN_OR_RETURN(defs, catalog_from_csv(ctx.request().body));
        } else {
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          TS_ASSIGN_OR_RETURN(defs, catalog_from_json(body));
        }
        TS_ASSIGN_OR_RETURN(auto result, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return import_catalog(tx, defs);
        }));
        return http::Response::json(object{{"created", result.created},
                                           {"updated", result.updated},
                                           {"unchanged", result.unchanged}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures/{id}",
      .summary = "A procedure with its current definition (papers, fees, process, form)",
      .tag = "catalog",
      .access = Access::kPublic,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto o, s.db.read([&](storage::Tx& tx) -> Result<object> {
          TS_ASSIGN_OR_RETURN(auto p, get_procedure(tx, id));
          return procedure_detail(tx, m.procedures(), p);
        }));
        // Which agencies a citizen can choose between.
        auto org = s.org.get();
        auto def = m.procedures().cached(o.at("current_version_id").as_int64());
        array agencies;
        if (def) {
          for (int64_t a : agencies_for(*def, *org)) {
            if (auto u = unit_choice_json(*org, a)) agencies.push_back(std::move(*u));
          }
        }
        o["agencies"] = std::move(agencies);
        return http::Response::json(o);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures/{id}/reception-points",
      .summary = "Where a dossier of the procedure may be submitted and its result collected "
                 "when handled by ?agency_id= (one of the procedure's agencies): the agency's own "
                 "desk first, then (onestop.reception_anywhere, Nghị định 118/2025/NĐ-CP Art. 14) "
                 "every public service centre and commune-level one-stop desk of the province. "
                 "Without agency_id: the points that receive for every agency of the procedure. "
                 "`anywhere` says whether reception regardless of boundaries is on; with "
                 "agency_id, `own_desk` is the agency's own desk, where the applicant may also "
                 "choose to collect the result (result_unit_id) when submitting elsewhere. "
                 "`mine=1` (an official at the counter): only the points where the caller "
                 "receives",
      .tag = "catalog",
      .access = Access::kPublic,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto agency_id,
                            ctx.query_int("agency_id", 1, std::numeric_limits<int64_t>::max()));
        TS_ASSIGN_OR_RETURN(auto p,
                            s.db.read([&](storage::Tx& tx) { return get_procedure(tx, id); }));
        auto def = m.procedures().cached(p.current_version_id);
        if (!def) {
          TS_ASSIGN_OR_RETURN(def, s.db.read([&](storage::Tx& tx) {
            return m.procedures().version(tx, p.current_version_id);
          }));
        }
        auto org = s.org.get();
        auto agencies = agencies_for(*def, *org);
        if (agency_id) {
          if (std::find(agencies.begin(), agencies.end(), *agency_id) == agencies.end())
            return Error::validation("agency_id", "Cơ quan này không giải quyết thủ tục đã chọn.");
          agencies = {*agency_id};
        }
        bool anywhere =
            s.config.section<OneStopConfig>().reception_anywhere && def->reception_anywhere;
        Date today = local_date(s.clock.now());
        const identity::Principal* mine = nullptr;
        if (ctx.request().query_param("mine") == "1") {
          mine = ctx.principal();
          if (mine == nullptr || mine->is_applicant())
            return Error::forbidden("Chỉ cán bộ tiếp nhận xem được nơi tiếp nhận của mình.");
        }
        array items;
        for (int64_t point : points_for(*org, agencies, anywhere, today)) {
          if (mine && !s.authorizer.check(*mine, kReceiveDossier, point).ok()) continue;
          if (auto u = unit_choice_json(*org, point)) items.push_back(std::move(*u));
        }
        object body{{"items", std::move(items)}, {"anywhere", anywhere}};
        if (agency_id) body["own_desk"] = desk_for(*agency_id, *org);
        http::Response r = http::Response::json(std::move(body));
        // Units and settings change rarely; a minute in caches (the caller's own list only in
        // the caller's).
        r.set_header("Cache-Control", mine ? "private, max-age=60" : "public, max-age=60");
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures/{id}/papers/{n}/template",
      .summary = "A printable blank of the procedure's n-th paper (1-based; PDF with the "
                 "applicant's lines and the procedure's form fields)",
      .tag = "catalog",
      .access = Access::kPublic,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t n, ctx.id_param("n"));
        TS_ASSIGN_OR_RETURN(auto p,
                            s.db.read([&](storage::Tx& tx) { return get_procedure(tx, id); }));
        TS_ASSIGN_OR_RETURN(auto def, s.db.read([&](storage::Tx& tx) {
          return m.procedures().version(tx, p.current_version_id);
        }));
        if (n > static_cast<int64_t>(def->papers.size()))
          return Error::not_found("Thủ tục không có thành phần hồ sơ này.");
        auto index = static_cast<std::size_t>(n - 1);
        return http::Response::file(render_paper_template(*def, index), "application/pdf",
                                    fmt::format("{}-mau-{}.pdf", def->national_code, n), true);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/procedures/{id}/versions",
      .summary = "Versions of a procedure's definition (dossiers keep the version they were "
                 "received under)",
      .tag = "catalog",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto versions,
                            s.db.read([&](storage::Tx& tx) -> Result<std::vector<VersionInfo>> {
                              TS_TRY(get_procedure(tx, id));
                              return list_versions(tx, id);
                            }));
        array items;
        for (const auto& v : versions) {
          items.push_back(object{{"id", v.id},
                                 {"version_no", v.version_no},
                                 {"created_at", format_rfc3339(v.created_at)},
                                 {"created_by", v.created_by}});
        }
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/procedures",
      .summary = "Create a procedure",
      .tag = "catalog",
      .access = Access::kOfficial,
      .body_limit = 1 << 20,
      .request_schema = http::schema(kProcedureSchema),
      .success_status = 201,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_catalog(ctx.who(), s.authorizer)));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto def, parse_procedure(body));
        TS_ASSIGN_OR_RETURN(auto p, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return create_procedure(tx, def);
        }));
        return http::Response::json(stored_detail(p, def), 201);
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/procedures/{id}",
      .summary = "Record a new version of a procedure's definition (expected_version_no guards "
                 "concurrent edits)",
      .tag = "catalog",
      .access = Access::kOfficial,
      .body_limit = 1 << 20,
      .request_schema = http::schema(kProcedureSchema),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_catalog(ctx.who(), s.authorizer)));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        std::optional<int64_t> expected;
        if (body.is_object()) {
          if (const auto* e = body.as_object().if_contains("expected_version_no");
              e && e->is_int64()) {
            expected = e->as_int64();
          }
        }
        TS_ASSIGN_OR_RETURN(auto def, parse_procedure(body));
        TS_ASSIGN_OR_RETURN(auto p, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return update_procedure(tx, id, def, expected);
        }));
        return http::Response::json(stored_detail(p, def));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/procedures/{id}/active",
      .summary =
          "Withdraw a procedure from reception, or offer it again ({\"active\": false|true})",
      .tag = "catalog",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_catalog(ctx.who(), s.authorizer)));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        auto active_field = r.optional_bool("active");
        if (!active_field) r.fail("active", "Bắt buộc (true hoặc false).");
        TS_TRY(r.finish());
        bool active = *active_field;
        TS_ASSIGN_OR_RETURN(
            auto p, ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Result<ProcedureSummary> {
              TS_TRY(set_procedure_active(tx, id, active));
              return get_procedure(tx.sql(), id);
            }));
        return http::Response::json(summary_json(p));
      },
  });
}

}  // namespace tinhso::onestop
