// HTTP routes of work files and the electronic archive: opening a work file, adding and
// removing documents, handing it to the archive, and listing (archived files whose retention
// has ended are the ones to review).
#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "documents/access.h"
#include "documents/module.h"
#include "documents/permissions.h"
#include "documents/routes.h"
#include "documents/work_files.h"

namespace tinhso::documents {

namespace {

using boost::json::object;

Result<WorkFileState> work_file_or_404(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto w, load_work_file_state(tx, id));
  if (!w) return Error::not_found("Không tìm thấy hồ sơ công việc.");
  return std::move(*w);
}

// The official keeping the file, or a leader of its unit, changes it.
Status authorize_keeper(http::Context& ctx, const WorkFileState& w) {
  if (ctx.who().id == w.keeper_id)
    return ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), w.unit_id));
  return ctx.authorize(documents::kAssignDocument, w.unit_id);
}

// Only documents the caller may read go into a work file.
Status authorize_document(http::Context& ctx, storage::Tx& tx, std::string_view kind,
                          int64_t document_id) {
  if (kind == "incoming") {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT unit_id FROM incoming_documents WHERE id = $1", {document_id}));
    if (rows.empty()) return Error::validation("document_id", "Không tìm thấy văn bản đến.");
    return ctx.use_grant(
        authorize_incoming_view(ctx.who(), ctx.authorizer(), tx, document_id, rows.front().i64(0)));
  }
  TS_ASSIGN_OR_RETURN(auto s, load_outgoing_state(tx, document_id));
  if (!s) return Error::validation("document_id", "Không tìm thấy văn bản đi.");
  return ctx.use_grant(authorize_outgoing_view(ctx.who(), ctx.authorizer(), *s));
}

}  // namespace

void register_work_file_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  auto detail = [&s](int64_t id, int status) -> Result<http::Response> {
    TS_ASSIGN_OR_RETURN(auto w, s.db.read([&](storage::Tx& tx) { return find_work_file(tx, id); }));
    if (!w) return Error::not_found("Không tìm thấy hồ sơ công việc.");
    return http::Response::json(std::move(*w), status);
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
      .handler = [&s, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_work_file(body));
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), in.unit_id)));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return open_work_file(tx, in);
        }));
        return detail(id, 201);
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
                {"limit", "Page size (max 200)", false, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), *unit)));
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
        TS_ASSIGN_OR_RETURN(auto limit, ctx.query_int("limit", 1, 200));
        q.limit = limit ? static_cast<int>(*limit) : 50;
        TS_ASSIGN_OR_RETURN(auto items,
                            s.db.read([&](storage::Tx& tx) { return list_work_files(tx, q); }));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/work-files/{id}",
      .summary = "A work file with its documents",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&s, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto w,
                            s.db.read([&](storage::Tx& tx) { return work_file_or_404(tx, id); }));
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), w.unit_id)));
        return detail(id, 200);
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
      .handler = [&s, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string kind = r.required_enum("kind", {"incoming", "outgoing"});
        int64_t document_id = r.required_int("document_id", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto w, work_file_or_404(tx.sql(), id));
          TS_TRY(authorize_document(ctx, tx.sql(), kind, document_id));
          TS_TRY(authorize_keeper(ctx, w));
          return add_to_work_file(tx, w, kind, document_id);
        }));
        return detail(id, 200);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/work-files/{id}/documents/{kind}/{document_id}",
      .summary = "Take a document out of an open work file",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&s, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t document_id, ctx.id_param("document_id"));
        std::string kind(ctx.param("kind").value_or(""));
        if (kind != "incoming" && kind != "outgoing")
          return Error::not_found("Không có loại văn bản này.");
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto w, work_file_or_404(tx.sql(), id));
          TS_TRY(authorize_keeper(ctx, w));
          return remove_from_work_file(tx, w, kind, document_id);
        }));
        return detail(id, 200);
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
      .handler = [&s, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        int64_t version = r.required_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto w, work_file_or_404(tx.sql(), id));
          TS_TRY(authorize_keeper(ctx, w));
          return archive_work_file(tx, w, version);
        }));
        return detail(id, 200);
      },
  });
}

}  // namespace tinhso::documents
