// Routes: /api/v1/units/reorganisations/… — reorganisation plans of the organisation tree: dry
// run, accept (applied in the background on their day), progress, resume, cancel.
#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "core/identity/api.h"
#include "core/identity/reorganisation.h"

namespace tinhso::identity {
namespace {

const char* kPlanSchema = R"({"type":"object","required":["title","legal_basis","effective_on"],
  "properties":{
    "title":{"type":"string"},"legal_basis":{"type":"string","description":"The resolution or decision ordering it"},
    "effective_on":{"type":"string","format":"date","description":"The first day of the new organisation"},
    "backdate":{"type":"boolean","description":"Record a reorganisation whose day has passed"},
    "new_units":{"type":"array","items":{"type":"object","required":["code","name","level","kind","parent_code"]}},
    "merges":{"type":"array","items":{"type":"object","required":["units","into"],"properties":{
      "units":{"type":"array","items":{"type":"string"}},"into":{"type":"string"},"staff_to":{"type":"string"}}}},
    "splits":{"type":"array","items":{"type":"object","required":["unit","into"],"properties":{
      "unit":{"type":"string"},"into":{"type":"array","items":{"type":"string"}},"work_to":{"type":"string"},
      "staff_to":{"type":"string"}}}},
    "ends":{"type":"array","items":{"type":"object","required":["unit"],"properties":{
      "unit":{"type":"string"},"successors":{"type":"array","items":{"type":"string"}},"work_to":{"type":"string"},
      "staff_to":{"type":"string"}}}},
    "changes":{"type":"array","items":{"type":"object","required":["unit"],"properties":{
      "unit":{"type":"string"},"parent_code":{"type":"string"},"code":{"type":"string"},"name":{"type":"string"},
      "short_name":{"type":"string"}}}}}})";

const char* kReorganisationSchema = R"({"type":"object","properties":{
    "id":{"type":"integer"},"title":{"type":"string"},"legal_basis":{"type":"string"},
    "effective_on":{"type":"string","format":"date"},
    "status":{"type":"string","enum":["scheduled","applying","applied","cancelled"]},
    "status_label":{"type":"string"},"step":{"type":"string"},
    "moved":{"type":"integer"},"to_move":{"type":"integer"},
    "plan":{"type":"object"},"report":{"type":"object"},
    "created_by":{"type":["integer","null"]},"created_at":{"type":"integer"},
    "applied_at":{"type":["integer","null"]},"version":{"type":"integer"}}})";

}  // namespace

void register_reorganisation_routes(http::Router& router, Reorganiser& reorganiser) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units/reorganisations",
      .summary = "Reorganisation plans, newest first",
      .tag = "organisation",
      .access = Access::kOfficial,
      .response_schema = http::schema(
          std::string(R"({"type":"object","properties":{"items":{"type":"array","items":)") +
          kReorganisationSchema + "}}}"),
      .handler = [&reorganiser](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(kAdministerSystem));
        TS_ASSIGN_OR_RETURN(auto list, reorganiser.list());
        boost::json::array items;
        for (const auto& r : list) items.push_back(r.to_json());
        return http::Response::json(boost::json::object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/units/reorganisations",
      .summary = "Check (dry_run=1) or accept a reorganisation plan: units that end, begin, move",
      .tag = "organisation",
      .access = Access::kOfficial,
      .body_limit = 4 * 1024 * 1024,
      .query = {{"dry_run", "1: report what the plan would do and every problem; change nothing"}},
      .request_schema = http::schema(kPlanSchema),
      .response_schema = http::schema(kReorganisationSchema),
      .success_status = 202,
      .handler = [&reorganiser](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(kAdministerSystem));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto plan, read_plan(body));
        bool backdate = false;
        if (const auto* o = body.if_object(); o != nullptr && o->contains("backdate")) {
          const auto& b = o->at("backdate");
          if (!b.is_bool()) return Error::validation("backdate", "Phải là true hoặc false.");
          backdate = b.as_bool();
        }
        if (ctx.request().query_param("dry_run") == "1") {
          TS_ASSIGN_OR_RETURN(auto report, reorganiser.dry_run(plan, backdate));
          return http::Response::json(std::move(report));
        }
        // Applied in the background: moving a province's open work takes minutes.
        TS_ASSIGN_OR_RETURN(auto r, reorganiser.submit(ctx.actor(), plan, backdate, false));
        return http::Response::json(r.to_json(), 202);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/units/reorganisations/{id}",
      .summary = "One reorganisation plan with its progress",
      .tag = "organisation",
      .access = Access::kOfficial,
      .response_schema = http::schema(kReorganisationSchema),
      .handler = [&reorganiser](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(kAdministerSystem));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto r, reorganiser.get(id));
        return http::Response::json(r.to_json());
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/units/reorganisations/{id}/apply",
      .summary = "Apply, or resume, a plan whose day has come (in the background)",
      .tag = "organisation",
      .access = Access::kOfficial,
      .response_schema = http::schema(kReorganisationSchema),
      .success_status = 202,
      .handler = [&reorganiser](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(kAdministerSystem));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto r, reorganiser.request_apply(id));
        return http::Response::json(r.to_json(), 202);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/units/reorganisations/{id}/cancel",
      .summary = "Cancel a plan before its day",
      .tag = "organisation",
      .access = Access::kOfficial,
      .response_schema = http::schema(kReorganisationSchema),
      .handler = [&reorganiser](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(kAdministerSystem));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto r, reorganiser.cancel(ctx.actor(), id));
        return http::Response::json(r.to_json());
      },
  });
}

}  // namespace tinhso::identity
