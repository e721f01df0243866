// Routes: the feedback categories and their answering times, for the leaders of the reception
// unit (categories.h). The public list of active categories is public_api.cc's.
#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "feedback/routes.h"

namespace tinhso::feedback {

using boost::json::object;
using http::Access;
using http::Method;

namespace {

constexpr std::string_view kCategorySchema = R"({"type":"object",
    "required":["name","subject"],
    "properties":{"code":{"type":"string"},"version":{"type":"integer"},
    "name":{"type":"string"},"subject":{"type":"string","enum":["administrative","socio_economic"]},
    "unit_id":{"type":["integer","null"]},"answer_days":{"type":["integer","null"]},
    "position":{"type":"integer"},"active":{"type":"boolean"},
    "unit_deadlines":{"type":"array","items":{"type":"object","required":["unit_id","answer_days"],
      "properties":{"unit_id":{"type":"integer"},"answer_days":{"type":"integer"}}}}}})";

}  // namespace

void register_category_routes(http::Router& router, Feedback& m) {
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/categories",
      .summary = "Every feedback category, withdrawn ones too, with its answering time and the "
                 "times set per competent unit (leaders of the reception unit)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto items, m.service().category_settings(ctx.who()));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/feedback/categories",
      .summary = "Add a feedback category (its code, also Open311's service_code, is fixed once "
                 "made)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = 64 * 1024,
      .request_schema = http::schema(kCategorySchema),
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = m.services().org.get();
        TS_ASSIGN_OR_RETURN(auto in, read_category(body, *org, true));
        TS_ASSIGN_OR_RETURN(auto made, m.service().create_category(ctx.who(), ctx.actor(), in));
        return http::Response::json(std::move(made), 201);
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/feedback/categories/{id}",
      .summary = "Change a category: name, subject, usual unit, answering time and per-unit "
                 "times, order, withdrawn or offered (with the version read)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = 64 * 1024,
      .request_schema = http::schema(kCategorySchema),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = m.services().org.get();
        TS_ASSIGN_OR_RETURN(auto in, read_category(body, *org, false));
        TS_ASSIGN_OR_RETURN(auto changed,
                            m.service().update_category(ctx.who(), ctx.actor(), id, in));
        return http::Response::json(std::move(changed));
      },
  });
}

}  // namespace tinhso::feedback
