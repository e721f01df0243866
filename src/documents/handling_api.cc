// HTTP routes for handling incoming documents: the leader's assignment, assignees' comments,
// forwarding and completion, an official's own work list, and the files of a document.
#include <boost/json.hpp>

#include "core/calendar/calendar_service.h"
#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"
#include "documents/access.h"
#include "documents/config.h"
#include "documents/events.h"
#include "documents/handling.h"
#include "documents/module.h"
#include "documents/permissions.h"
#include "documents/routes.h"

namespace tinhso::documents {
namespace {

// Note and files of a comment or a completion: the files are the caller's own uploads.
struct NoteInput {
  std::optional<std::string> note;
  std::vector<int64_t> file_ids;
};

Result<NoteInput> read_note(const boost::json::value& v, bool note_required) {
  json::FieldReader r(v);
  NoteInput in;
  if (note_required)
    in.note = r.required_string("note", 4000);
  else
    in.note = r.optional_string("note", 4000);
  in.file_ids = r.optional_ids("file_ids", 20, "Mã tệp không hợp lệ.");
  TS_TRY(r.finish());
  return in;
}

}  // namespace

void register_handling_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_assign(body));
        if (in.deadline_days == 0)
          in.deadline_days = s.config.section<DocumentsConfig>().default_deadline_days;
        auto cal = s.calendar.get();
        auto org = s.org.get();
        auto may_assign_to = [&](int64_t unit) {
          return ctx.authorizer().check(ctx.who(), documents::kAssignDocument, unit).ok();
        };
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx.sql(), id));
          if (!doc) return Error::not_found("Không tìm thấy văn bản đến.");
          TS_TRY(ctx.authorize(documents::kAssignDocument, doc->unit_id));
          return assign(tx, *cal, *org, may_assign_to, id, in);
        }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_note(body, true));
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx.sql(), id));
          if (!doc) return Error::not_found("Không tìm thấy văn bản đến.");
          TS_TRY(ctx.use_grant(
              authorize_incoming_view(ctx.who(), ctx.authorizer(), tx.sql(), id, doc->unit_id)));
          for (int64_t f : in.file_ids)
            TS_TRY(m.files().own_upload(tx.sql(), f, tx.actor(), "file_ids"));
          return record_event(tx,
                              Event{Subject::kIncoming, id, "comment", in.note, {}, in.file_ids});
        }));
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
        .handler = [&s, &m, done](http::Context& ctx) -> Result<http::Response> {
          TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          NoteInput note;
          int64_t official_id = 0;
          if (done) {
            TS_ASSIGN_OR_RETURN(note, read_note(body, false));
          } else {
            json::FieldReader r(body);
            official_id = r.required_int("official_id", 1, INT64_MAX);
            note.note = r.optional_string("note", 4000);
            TS_TRY(r.finish());
          }
          auto org = s.org.get();
          int64_t document_id = 0;
          TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) -> Status {
            TS_ASSIGN_OR_RETURN(auto a, load_assignment(tx.sql(), id));
            if (!a) return Error::not_found("Không tìm thấy việc được giao.");
            document_id = a->document_id;
            TS_TRY(ctx.use_grant(authorize_assignment(ctx.who(), ctx.authorizer(), *a)));
            auto allowed =
                act_on_assignment(a->status, a->role,
                                  done ? AssignmentAction::kComplete : AssignmentAction::kForward);
            if (!allowed.ok()) return allowed.error();
            if (!done) return forward(tx, *org, *a, official_id, note.note);
            for (int64_t f : note.file_ids)
              TS_TRY(m.files().own_upload(tx.sql(), f, tx.actor(), "file_ids"));
            return complete(tx, *a, note.note, note.file_ids);
          }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        WorkQuery q;
        q.official_id = ctx.who().id;
        q.status = std::string(ctx.request().query_param("status").value_or("open"));
        if (q.status != "open" && q.status != "near_due" && q.status != "overdue" &&
            q.status != "done")
          return Error::validation("status",
                                   "Trạng thái không hợp lệ (open, near_due, overdue, done).");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        for (const auto& g : ctx.authorizer().grants_for(ctx.who(), documents::kHandleDocument))
          q.unit_ids.push_back(g.unit_id);
        auto cal = s.calendar.get();
        Instant now = s.clock.now();
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return list_work(tx, *cal, now, m.warning_seconds(), q);
        }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
          TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx, id));
          if (!doc) return Error::not_found("Không tìm thấy văn bản đến.");
          TS_TRY(ctx.use_grant(
              authorize_incoming_view(ctx.who(), ctx.authorizer(), tx, id, doc->unit_id)));
          TS_ASSIGN_OR_RETURN(auto own, tx.query("SELECT 1 FROM incoming_document_files WHERE "
                                                 "document_id = $1 AND file_id = $2",
                                                 {id, file_id}));
          TS_ASSIGN_OR_RETURN(bool in_timeline,
                              event_has_file(tx, Subject::kIncoming, id, file_id));
          if (own.empty() && !in_timeline) return Error::not_found("Tệp không thuộc văn bản này.");
          return m.files().meta(tx, file_id);
        }));
        return files::download(m.files(), meta);
      },
  });
}

}  // namespace tinhso::documents
