// Routes: /api/v1/units/… — the organisation tree: list, tree, create, edit, import, export.
#include <boost/json.hpp>

#include "core/base/text.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "core/identity/api.h"
#include "core/identity/org_tree.h"
#include "core/identity/units.h"
#include "core/storage/sql.h"

namespace tinhso::identity {
namespace {

boost::json::object tree_node(const OrgTree& org, int64_t id, bool include_inactive) {
  const UnitInfo* u = org.find(id);
  boost::json::array children;
  for (int64_t c : org.children(id)) {
    const UnitInfo* cu = org.find(c);
    if (cu != nullptr && (cu->active || include_inactive))
      children.push_back(tree_node(org, c, include_inactive));
  }
  return boost::json::object{{"id", u->id},
                             {"code", u->code},
                             {"name", u->name},
                             {"short_name", u->short_name},
                             {"level", u->level},
                             {"level_label", org.level_label(u->level)},
                             {"kind", u->kind},
                             {"kind_label", org.kind(u->kind) ? org.kind(u->kind)->label : u->kind},
                             {"active", u->active},
                             {"ended_on", u->ended_on ? boost::json::value(*u->ended_on) : nullptr},
                             {"children", std::move(children)}};
}

const char* kUnitSchema = R"({"type":"object","properties":{
    "id":{"type":"integer"},"parent_id":{"type":["integer","null"]},"code":{"type":"string","example":"000.00.12.H47"},
    "name":{"type":"string"},"short_name":{"type":"string"},"level":{"type":"string","description":"a key of vocabulary unit_levels"},
    "level_label":{"type":"string"},"kind":{"type":"string","description":"a key of vocabulary unit_kinds"},
    "kind_label":{"type":"string"},
    "address":{"type":["string","null"]},"phone":{"type":["string","null"]},"email":{"type":["string","null"]},
    "active":{"type":"boolean"},"sort_order":{"type":"integer"},"version":{"type":"integer"},
    "ended_on":{"type":["string","null"],"description":"The last day of a unit reorganised away"},
    "successors":{"type":"array","description":"One unit only: who took over from it, takes_work marking who received its open work"},
    "predecessors":{"type":"array","description":"One unit only: the units it took over from"}}})";

}  // namespace

void register_unit_routes(http::Router& router, Services& s) {
  using http::Access;
  using http::Execution;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units",
      .summary = "Units of the organisation tree, filtered",
      .tag = "organisation",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .query =
          {{"parent_id", "Direct children of this unit", false, "integer"},
           {"within", "This unit and every unit below it", false, "integer"},
           {"level",
            "A key of vocabulary unit_levels (province, commune, district before 1 July 2025, …)"},
           {"kind", "A key of vocabulary unit_kinds"},
           {"q", "Name or code (accents optional)"},
           {"include_inactive", "1 to include inactive units (officials only)"}},
      .response_schema = http::schema(
          std::string(R"({"type":"object","properties":{"items":{"type":"array","items":)") +
          kUnitSchema + "}}}"),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        UnitFilter f;
        TS_ASSIGN_OR_RETURN(f.parent_id, ctx.query_int("parent_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(f.within, ctx.query_int("within", 1, INT64_MAX));
        if (auto v = ctx.request().query_param("level"); v && !v->empty())
          f.level = std::string(*v);
        if (auto v = ctx.request().query_param("kind"); v && !v->empty()) f.kind = std::string(*v);
        if (auto v = ctx.request().query_param("q"); v && !text::trim(*v).empty())
          f.query = std::string(text::trim(*v));
        f.include_inactive = ctx.request().query_param("include_inactive") == "1" &&
                             ctx.principal() && ctx.principal()->is_official();
        TS_ASSIGN_OR_RETURN(auto units,
                            s.db.read([&](storage::Tx& tx) { return list_units(tx, f); }));
        boost::json::array items;
        for (const auto& u : units) items.push_back(unit_json(u));
        return http::Response::json(boost::json::object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units/tree",
      .summary = "The whole organisation tree, nested",
      .tag = "organisation",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        auto org = s.org.get();
        bool inactive = ctx.request().query_param("include_inactive") == "1" && ctx.principal() &&
                        ctx.principal()->is_official();
        boost::json::array roots;
        for (int64_t r : org->roots()) roots.push_back(tree_node(*org, r, inactive));
        return http::Response::json(boost::json::object{{"items", std::move(roots)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units/export",
      .summary = "Export the organisation tree as CSV or JSON",
      .tag = "organisation",
      .access = Access::kOfficial,
      .query = {{"format", "csv (default) or json"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kManageOrganisation));
        UnitFilter f;
        f.include_inactive = true;
        TS_ASSIGN_OR_RETURN(auto units,
                            s.db.read([&](storage::Tx& tx) { return list_units(tx, f); }));
        bool as_json = ctx.request().query_param("format") == "json";
        if (as_json) {
          return http::Response::file(boost::json::serialize(units_to_json(units, units)),
                                      "application/json; charset=utf-8", "don-vi.json");
        }
        return http::Response::file(units_to_csv(units, units), "text/csv; charset=utf-8",
                                    "don-vi.csv");
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units/{id}",
      .summary = "One unit",
      .tag = "organisation",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .response_schema = http::schema(kUnitSchema),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto u, s.db.read([&](storage::Tx& tx) { return get_unit(tx, id); }));
        // Links to a unit reorganised away still lead somewhere: to who took over from it.
        auto org = s.org.get();
        auto ref = [&](int64_t unit) {
          const UnitInfo* i = org->find(unit);
          return boost::json::object{
              {"id", unit}, {"code", i ? i->code : ""}, {"name", i ? i->name : ""}};
        };
        boost::json::array successors, predecessors;
        for (const auto& succ : org->successors(id)) {
          auto o = ref(succ.successor);
          o["takes_work"] = succ.takes_work;
          successors.push_back(std::move(o));
        }
        for (int64_t p : org->predecessors(id)) predecessors.push_back(ref(p));
        auto o = unit_json(u);
        o["successors"] = std::move(successors);
        o["predecessors"] = std::move(predecessors);
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/units",
      .summary = "Create a unit under a parent unit",
      .tag = "organisation",
      .access = Access::kOfficial,
      .body_limit = 16 * 1024,
      .request_schema =
          http::schema(R"({"type":"object","required":["code","name","level","kind"],"properties":{
          "parent_id":{"type":"integer"},"code":{"type":"string"},"name":{"type":"string"},"short_name":{"type":"string"},
          "level":{"type":"string"},"kind":{"type":"string"},"address":{"type":"string"},"phone":{"type":"string"},
          "email":{"type":"string"},"sort_order":{"type":"integer"}}})"),
      .response_schema = http::schema(kUnitSchema),
      .success_status = 201,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_unit_input(body, true));
        if (in.parent_id) {
          TS_TRY(ctx.authorize(identity::kManageOrganisation, *in.parent_id));
        } else {
          TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        }
        TS_ASSIGN_OR_RETURN(auto u, ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Result<Unit> {
          TS_TRY(check_level_in_force(tx.sql(), in.level, local_date(s.clock.now())));
          return create_unit(tx, in);
        }));
        s.org.invalidate();
        return http::Response::json(unit_json(u), 201);
      },
  });

  router.add({
      .method = Method::kPatch,
      .path = "/api/v1/units/{id}",
      .summary = "Edit a unit's names, contact details, kind, order or active flag",
      .tag = "organisation",
      .access = Access::kOfficial,
      .body_limit = 16 * 1024,
      .request_schema = http::schema(R"({"type":"object","properties":{"name":{"type":"string"},
          "short_name":{"type":"string"},"kind":{"type":"string"},"address":{"type":"string"},"phone":{"type":"string"},
          "email":{"type":"string"},"active":{"type":"boolean"},"sort_order":{"type":"integer"},
          "version":{"type":"integer","description":"Expected version; 409 when the unit changed meanwhile"}}})"),
      .response_schema = http::schema(kUnitSchema),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(ctx.authorize(identity::kManageOrganisation, id));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_unit_input(body, false));
        json::FieldReader r(body);
        auto version = r.optional_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto u, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return update_unit(tx, id, in, version);
        }));
        s.org.invalidate();
        return http::Response::json(unit_json(u));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/units/import",
      .summary = "Create or update units from CSV (text/csv) or JSON; all rows or none",
      .tag = "organisation",
      .access = Access::kOfficial,
      .body_limit = 8 * 1024 * 1024,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        auto ct = ctx.request().header("content-type").value_or("");
        std::vector<UnitInput> rows;
        if (ct.starts_with("text/csv")) {
          TS_ASSIGN_OR_RETURN(rows, units_from_csv(ctx.request().body));
        } else {
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          TS_ASSIGN_OR_RETURN(rows, units_from_json(body));
        }
        TS_ASSIGN_OR_RETURN(auto report, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return import_units(tx, rows);
        }));
        s.org.invalidate();
        return http::Response::json(boost::json::object{{"created", report.created},
                                                        {"updated", report.updated},
                                                        {"unchanged", report.unchanged}});
      },
  });
}

}  // namespace tinhso::identity
