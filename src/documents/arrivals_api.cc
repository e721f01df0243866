// HTTP routes of electronic arrivals: the documents waiting for a unit's clerk, one of them
// with its files, and registering or refusing it. They read the request and answer;
// ArrivalService (arrival_service.h) authorises and changes.
#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/arrival_service.h"
#include "documents/module.h"
#include "documents/routes.h"

namespace tinhso::documents {

void register_arrival_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/arrivals",
      .summary = "Electronic documents that reached a unit: pending (to register), registered "
                 "or refused; newest first",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The receiving unit", true, "integer"},
                {"status", "pending (default) | registered | refused"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị nhận.");
        TS_ASSIGN_OR_RETURN(auto status, read_arrival_status(ctx.request().query_param("status")));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(auto after, http::key_after(page));
        TS_ASSIGN_OR_RETURN(auto rows,
                            m.arrivals().list(ctx.who(), *unit, status, page.limit + 1, after));
        return http::Response::json(http::keyed_page_json(
            boost::json::array(rows.rows.begin(), rows.rows.end()), rows.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/arrivals/{id}",
      .summary = "One electronic arrival with its files and their signatures, verified now",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto a, m.arrivals().view(ctx.who(), id));
        return http::Response::json(a);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/arrivals/{id}/files/{file_id}",
      .summary = "Download a file of an electronic arrival",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, m.arrivals().file(ctx.who(), id, file_id));
        return files::download(m.files(), meta);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/arrivals/{id}/register",
      .summary = "Register an electronic arrival in the unit's incoming register (the sender sees "
                 "it received)",
      .tag = "documents",
      .access = Access::kOfficial,
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t incoming_id,
                            m.arrivals().register_in(ctx.who(), ctx.actor(), id));
        return incoming_detail(ctx, m, incoming_id, 201);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/arrivals/{id}/refuse",
      .summary =
          "Refuse an electronic arrival (wrong recipient, incomplete…), telling the sender why",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(
          R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string"}}})"),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string reason = r.required_string("reason", 2000);
        TS_TRY(r.finish());
        TS_TRY(m.arrivals().refuse(ctx.who(), ctx.actor(), id, reason));
        TS_ASSIGN_OR_RETURN(auto a, m.arrivals().view(ctx.who(), id));
        return http::Response::json(a);
      },
  });
}

}  // namespace tinhso::documents
