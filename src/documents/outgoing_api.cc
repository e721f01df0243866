// HTTP routes of outgoing documents: drafting and revising, the review chain (submit, pass to
// another leader, return, approve and sign), numbering and issue by the clerk, the registers
// and one document with its recipients' statuses and timeline. They read the request and
// answer; OutgoingService (outgoing_service.h) authorises and acts.
#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/identity/org_tree.h"
#include "documents/module.h"
#include "documents/outgoing.h"
#include "documents/outgoing_service.h"
#include "documents/routes.h"

namespace tinhso::documents {
namespace {

using boost::json::object;

Result<http::Response> outgoing_detail(Documents& m, http::Context& ctx, int64_t id,
                                       int status = 200) {
  TS_ASSIGN_OR_RETURN(auto doc, m.outgoing().view(ctx.who(), id));
  return http::Response::json(std::move(doc), status);
}

constexpr std::string_view kDraftSchema = R"({"type":"object",
    "required":["unit_id","doc_type","subject","main_file_id"],
    "properties":{"version":{"type":"integer"},"unit_id":{"type":"integer"},"drafting_unit_id":{"type":"integer"},
    "doc_type":{"type":"string"},"subject":{"type":"string"},
    "urgency":{"type":"string","enum":["thuong","khan","thuong_khan","hoa_toc"]},
    "confidentiality":{"type":"string","enum":["thuong","mat","toi_mat","tuyet_mat"]},
    "pages":{"type":"integer"},"main_file_id":{"type":"integer"},
    "attachment_ids":{"type":"array","items":{"type":"integer"}},
    "recipient_unit_ids":{"type":"array","items":{"type":"integer"}},
    "recipient_agencies":{"type":"array","items":{"type":"object","required":["code","name"],
      "properties":{"code":{"type":"string"},"name":{"type":"string"}}}},
    "reply_to":{"type":"array","items":{"type":"integer"}},"note":{"type":"string"}}})";

using Step = OutgoingAction;  // the actions with a route of their own (revise is PUT)

struct StepRoute {
  Step step;
  std::string_view path, summary, schema;
};

}  // namespace

void register_outgoing_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/outgoing/reviewers",
      .summary = "Leaders a draft of the unit may be submitted to (of the unit or above it)",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The drafting or issuing unit", true, "integer"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_ASSIGN_OR_RETURN(auto items, m.outgoing().reviewers(ctx.who(), *unit));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/outgoing",
      .summary = "Start a draft: issuing agency, drafting unit, type, subject, the main file and "
                 "attachments (uploaded first), recipient units and the incoming documents it "
                 "answers",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(kDraftSchema),
      .success_status = 201,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = s.org.get();
        TS_ASSIGN_OR_RETURN(auto in, read_draft(body, *org, m.routable()));
        TS_ASSIGN_OR_RETURN(int64_t id, m.outgoing().draft(ctx.who(), ctx.actor(), in));
        return outgoing_detail(m, ctx, id, 201);
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/documents/outgoing/{id}",
      .summary = "Revise a draft (a new main file, subject, recipients…); needs its version",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(kDraftSchema),
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = s.org.get();
        TS_ASSIGN_OR_RETURN(auto in, read_draft(body, *org, m.routable()));
        json::FieldReader r(body);
        int64_t version = r.required_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(m.outgoing().revise(ctx.who(), ctx.actor(), id, version, in));
        return outgoing_detail(m, ctx, id);
      },
  });

  static const StepRoute kSteps[] = {
      {Step::kSubmit, "/api/v1/documents/outgoing/{id}/submit",
       "Submit a draft to a leader of the drafting unit or the issuing agency",
       R"({"type":"object","required":["version","reviewer_id"],"properties":{"version":{"type":"integer"},"reviewer_id":{"type":"integer"},"note":{"type":"string"}}})"},
      {Step::kPass, "/api/v1/documents/outgoing/{id}/pass",
       "The reviewing leader passes the draft on to another leader (e.g. head of division → "
       "director)",
       R"({"type":"object","required":["version","reviewer_id"],"properties":{"version":{"type":"integer"},"reviewer_id":{"type":"integer"},"note":{"type":"string"}}})"},
      {Step::kReturn, "/api/v1/documents/outgoing/{id}/return",
       "The reviewing leader returns the draft to be revised, saying why",
       R"({"type":"object","required":["version","note"],"properties":{"version":{"type":"integer"},"note":{"type":"string"}}})"},
      {Step::kApprove, "/api/v1/documents/outgoing/{id}/approve",
       "The reviewing leader, who may sign for the issuing agency, approves and signs",
       R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"note":{"type":"string"}}})"},
      {Step::kIssue, "/api/v1/documents/outgoing/{id}/issue",
       "The issuing agency's clerk gives the approved document the next number of the outgoing "
       "register and sends it to its recipients",
       R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"}}})"},
  };
  for (const auto& route : kSteps) {
    router.add({
        .method = Method::kPost,
        .path = std::string(route.path),
        .summary = std::string(route.summary),
        .tag = "documents",
        .access = Access::kOfficial,
        .request_schema = http::schema(route.schema),
        .handler = [&m, step = route.step](http::Context& ctx) -> Result<http::Response> {
          TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          TS_ASSIGN_OR_RETURN(auto in, read_step(step, body));
          TS_TRY(m.outgoing().act(ctx.who(), ctx.actor(), id, in));
          return outgoing_detail(m, ctx, id);
        },
    });
  }

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/outgoing",
      .summary = "Outgoing documents of a unit (issued by it or drafted in it), or with "
                 "awaiting=me the drafts awaiting the caller's review",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "Issuing or drafting unit", false, "integer"},
                {"awaiting", "me: drafts awaiting the caller's review"},
                {"status", "draft | in_review | approved | issued"},
                {"year", "Register year of issued documents", false, "integer"},
                {"q", "Notation or subject (accents optional)"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        OutgoingQuery q;
        if (ctx.request().query_param("awaiting").value_or("") == "me") {
          q.reviewer_id = ctx.who().id;
        } else {
          TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
          if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
          q.unit_id = *unit;
        }
        if (auto status = ctx.request().query_param("status"); status && !status->empty()) {
          q.status = parse_outgoing_status(*status);
          if (!q.status)
            return Error::validation(
                "status", "Trạng thái không hợp lệ (draft, in_review, approved, issued).");
        }
        TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("year", 2000, 2200));
        q.year = year ? static_cast<int>(*year) : 0;
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        TS_ASSIGN_OR_RETURN(auto rows, m.outgoing().list(ctx.who(), q));
        return http::Response::json(http::keyed_page_json(
            boost::json::array(rows.rows.begin(), rows.rows.end()), rows.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/outgoing/{id}",
      .summary = "One outgoing document: files, signer, number, recipients with their statuses, "
                 "the incoming documents it answers, and its timeline",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        return outgoing_detail(m, ctx, id);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/outgoing/{id}/files/{file_id}",
      .summary = "Download a file of an outgoing document (main file, attachment, or an earlier "
                 "draft from its timeline)",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, m.outgoing().file(ctx.who(), id, file_id));
        return files::download(m.files(), meta);
      },
  });
}

}  // namespace tinhso::documents
