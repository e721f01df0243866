// HTTP routes of work files and the electronic archive: opening a work file, adding and
// removing documents, handing it to the archive, and listing (archived files whose retention
// has ended are the ones to review). They read the request and answer; WorkFileService
// (work_file_service.h) authorises and acts.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/module.h"
#include "documents/routes.h"
#include "documents/work_file_service.h"
#include "documents/work_files.h"

namespace tinhso::documents {

using boost::json::object;

void register_work_file_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  // A work file as the caller now sees it.
  auto detail = [&m](http::Context& ctx, int64_t id, int status) -> Result<http::Response> {
    TS_ASSIGN_OR_RETURN(auto w, m.work_files().view(ctx.who(), id));
    return http::Response::json(std::move(w), status);
  };

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/work-files",
      .summary = "Open a work file for a matter: code (unique in the unit and year), title, "
                 "retention period in years or permanent",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object","required":["unit_id","code","title"],
          "properties":{"unit_id":{"type":"integer"},"code":{"type":"string"},
          "title":{"type":"string"},"retention_years":{"type":"integer"},
          "permanent":{"type":"boolean"},"note":{"type":"string"}}})"),
      .success_status = 201,
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_work_file(body));
        TS_ASSIGN_OR_RETURN(int64_t id, m.work_files().open(ctx.who(), ctx.actor(), in));
        return detail(ctx, id, 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/work-files",
      .summary = "Work files of a unit: open ones and those in the archive (retention_ended=true: "
                 "archived files whose retention period is over, to review)",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit", true, "integer"},
                {"status", "open | archived; empty: all"},
                {"year", "Year opened", false, "integer"},
                {"q", "Words of the code or title"},
                {"retention_ended", "true: archived files to keep no longer than today"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        WorkFileQuery q;
        q.unit_id = *unit;
        q.status = std::string(ctx.request().query_param("status").value_or(""));
        if (!q.status.empty() && q.status != "open" && q.status != "archived")
          return Error::validation("status", "Trạng thái là open hoặc archived.");
        TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("year", 2000, 2100));
        q.year = year ? static_cast<int>(*year) : 0;
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        if (ctx.request().query_param("retention_ended").value_or("") == "true")
          q.keep_until_before = local_date(s.clock.now());
        q.limit = page.limit + 1;
        if (page.after) {
          const auto* year = page.after->if_contains("y");
          const auto* code = page.after->if_contains("c");
          const auto* id = page.after->if_contains("i");
          if (!year || !year->is_int64() || !code || !code->is_string() || !id || !id->is_int64())
            return http::bad_cursor();
          q.after = WorkFileQuery::After{year->as_int64(), std::string(code->as_string()),
                                         id->as_int64()};
        }
        TS_ASSIGN_OR_RETURN(auto items, m.work_files().list(ctx.who(), q));
        std::optional<object> next;
        if (std::cmp_greater(items.size(), page.limit)) {
          items.resize(static_cast<size_t>(page.limit));
          const object& last = items.back().as_object();
          next = object{{"y", last.at("year")}, {"c", last.at("code")}, {"i", last.at("id")}};
        }
        return http::Response::json(http::page_json(std::move(items), std::move(next)));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/work-files/{id}",
      .summary = "A work file with its documents",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        return detail(ctx, id, 200);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/work-files/{id}/documents",
      .summary = "Put an incoming or outgoing document (one the caller may read) in the work file",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object","required":["kind","document_id"],
          "properties":{"kind":{"type":"string","enum":["incoming","outgoing"]},
          "document_id":{"type":"integer"}}})"),
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string kind = r.required_enum("kind", {"incoming", "outgoing"});
        int64_t document_id = r.required_int("document_id", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(m.work_files().add(ctx.who(), ctx.actor(), id, kind, document_id));
        return detail(ctx, id, 200);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/work-files/{id}/documents/{kind}/{document_id}",
      .summary = "Take a document out of an open work file",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t document_id, ctx.id_param("document_id"));
        std::string kind(ctx.param("kind").value_or(""));
        if (kind != "incoming" && kind != "outgoing")
          return Error::not_found("Không có loại văn bản này.");
        TS_TRY(m.work_files().remove(ctx.who(), ctx.actor(), id, kind, document_id));
        return detail(ctx, id, 200);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/work-files/{id}/archive",
      .summary = "Close the work file and hand it to the electronic archive (keeper or leader); "
                 "it is kept until today plus its retention period and no longer changes",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object","required":["version"],
          "properties":{"version":{"type":"integer"}}})"),
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        int64_t version = r.required_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(m.work_files().archive(ctx.who(), ctx.actor(), id, version));
        return detail(ctx, id, 200);
      },
  });
}

}  // namespace tinhso::documents
