// HTTP routes of electronic arrivals: the documents waiting for a unit's clerk, one of them
// with its files, and registering or refusing it.
#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/arrivals.h"
#include "documents/module.h"
#include "documents/permissions.h"
#include "documents/routes.h"

namespace tinhso::documents {

void register_arrival_routes(http::Router& router, Documents& m) {
  using boost::json::object;
  using http::Access;
  using http::Method;
  using identity::Permission;
  Services& s = m.services();

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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị nhận.");
        TS_TRY(ctx.authorize(documents::kRegisterDocument, *unit));
        std::string status(ctx.request().query_param("status").value_or("pending"));
        if (status != "pending" && status != "registered" && status != "refused")
          return Error::validation("status",
                                   "Trạng thái không hợp lệ (pending, registered, refused).");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(auto after, http::key_after(page));
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return list_arrivals(tx, *unit, status, page.limit + 1, after);
        }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(
            auto a, s.db.read([&](storage::Tx& tx) -> Result<std::optional<object>> {
              TS_ASSIGN_OR_RETURN(auto found, find_arrival(tx, id));
              if (!found) return found;
              TS_TRY(ctx.authorize(documents::kRegisterDocument, found->at("unit_id").as_int64()));
              TS_TRY(m.add_signatures(tx, *found));
              return found;
            }));
        if (!a) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
        return http::Response::json(*a);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/arrivals/{id}/files/{file_id}",
      .summary = "Download a file of an electronic arrival",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
          TS_ASSIGN_OR_RETURN(auto a, load_arrival_state(tx, id));
          if (!a) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
          TS_TRY(ctx.authorize(documents::kRegisterDocument, a->unit_id));
          TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM document_arrival_files WHERE "
                                                  "arrival_id = $1 AND file_id = $2",
                                                  {id, file_id}));
          if (rows.empty()) return Error::not_found("Tệp không thuộc văn bản này.");
          return m.files().meta(tx, file_id);
        }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t incoming_id,
                            ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Result<int64_t> {
                              TS_ASSIGN_OR_RETURN(auto a, load_arrival_state(tx.sql(), id));
                              if (!a)
                                return Error::not_found("Không tìm thấy văn bản điện tử đến.");
                              TS_TRY(ctx.authorize(documents::kRegisterDocument, a->unit_id));
                              return register_arrival(tx, id);
                            }));
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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string reason = r.required_string("reason", 2000);
        TS_TRY(r.finish());
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto a, load_arrival_state(tx.sql(), id));
          if (!a) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
          TS_TRY(ctx.authorize(documents::kRegisterDocument, a->unit_id));
          return refuse_arrival(tx, id, reason);
        }));
        TS_ASSIGN_OR_RETURN(auto a,
                            s.db.read([&](storage::Tx& tx) { return find_arrival(tx, id); }));
        if (!a) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
        return http::Response::json(*a);
      },
  });
}

}  // namespace tinhso::documents
