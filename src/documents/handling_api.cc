// HTTP routes for handling incoming documents: the leader's assignment, assignees' comments,
// forwarding and completion, an official's own work list, and the files of a document. They
// read the request and answer; IncomingService (incoming_service.h) authorises and acts.
#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/handling.h"
#include "documents/incoming_service.h"
#include "documents/module.h"
#include "documents/routes.h"

namespace tinhso::documents {

void register_handling_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/incoming/{id}/assign",
      .summary = "Assign an incoming document: one lead, cooperating and informed units or people, "
                 "a deadline in working days (leaders of the register's unit)",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object","required":["version","lead"],
          "properties":{"version":{"type":"integer"},
          "lead":{"type":"object","required":["unit_id"],"properties":{"unit_id":{"type":"integer"},"official_id":{"type":"integer"}}},
          "cooperate":{"type":"array","items":{"type":"object"}},"inform":{"type":"array","items":{"type":"object"}},
          "deadline_days":{"type":"integer"},"note":{"type":"string"}}})"),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_assign(body));
        TS_TRY(m.incoming().assign(ctx.who(), ctx.actor(), id, std::move(in)));
        return incoming_detail(ctx, m, id);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/incoming/{id}/comments",
      .summary = "Add an opinion, with drafts or other files, to an incoming document's timeline",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object","required":["note"],
          "properties":{"note":{"type":"string"},"file_ids":{"type":"array","items":{"type":"integer"}}}})"),
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_note(body, true));
        TS_TRY(m.incoming().comment(ctx.who(), ctx.actor(), id, in));
        return incoming_detail(ctx, m, id, 201);
      },
  });

  for (bool done : {false, true}) {
    router.add({
        .method = Method::kPost,
        .path = done ? "/api/v1/documents/assignments/{id}/done"
                     : "/api/v1/documents/assignments/{id}/forward",
        .summary = done ? "Mark one's part done (the lead's completion completes the document)"
                        : "Forward one's assignment to a person of the same unit",
        .tag = "documents",
        .access = Access::kOfficial,
        .request_schema =
            done ? http::schema(R"({"type":"object","properties":{"note":{"type":"string"},
                "file_ids":{"type":"array","items":{"type":"integer"}}}})")
                 : http::schema(R"({"type":"object","required":["official_id"],
                "properties":{"official_id":{"type":"integer"},"note":{"type":"string"}}})"),
        .handler = [&m, done](http::Context& ctx) -> Result<http::Response> {
          TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          int64_t document_id = 0;
          if (done) {
            TS_ASSIGN_OR_RETURN(auto in, read_note(body, false));
            TS_ASSIGN_OR_RETURN(document_id, m.incoming().complete(ctx.who(), ctx.actor(), id, in));
          } else {
            TS_ASSIGN_OR_RETURN(auto in, read_forward(body));
            TS_ASSIGN_OR_RETURN(document_id, m.incoming().forward(ctx.who(), ctx.actor(), id, in));
          }
          return incoming_detail(ctx, m, document_id);
        },
    });
  }

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/assignments",
      .summary = "The caller's work on incoming documents: given to them by name or to their "
                 "units as a whole; soonest due first",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"status", "open (default) | near_due | overdue | done"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        WorkQuery q;
        q.status = std::string(ctx.request().query_param("status").value_or("open"));
        if (q.status != "open" && q.status != "near_due" && q.status != "overdue" &&
            q.status != "done")
          return Error::validation("status",
                                   "Trạng thái không hợp lệ (open, near_due, overdue, done).");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        TS_ASSIGN_OR_RETURN(auto rows, m.incoming().work(ctx.who(), std::move(q)));
        return http::Response::json(http::keyed_page_json(
            boost::json::array(rows.rows.begin(), rows.rows.end()), rows.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/incoming/{id}/files/{file_id}",
      .summary = "Download a file of an incoming document (its scans, or a file of its timeline)",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, m.incoming().file(ctx.who(), id, file_id));
        return files::download(m.files(), meta);
      },
  });
}

}  // namespace tinhso::documents
