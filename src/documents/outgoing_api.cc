// HTTP routes of outgoing documents: drafting and revising, the review chain (submit, pass to
// another leader, return, approve and sign), numbering and issue by the clerk, the registers
// and one document with its recipients' statuses and timeline.
#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"
#include "documents/access.h"
#include "documents/events.h"
#include "documents/module.h"
#include "documents/outgoing.h"
#include "documents/permissions.h"

namespace tinhso::documents {
namespace {

using boost::json::object;

Result<http::Response> outgoing_detail(Documents& m, http::Context& ctx, int64_t id,
                                       int status = 200) {
  Services& s = m.services();
  TS_ASSIGN_OR_RETURN(auto doc, s.db.read([&](storage::Tx& tx) -> Result<std::optional<object>> {
    TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx, id));
    if (!state) return std::optional<object>();
    TS_TRY(ctx.use_grant(authorize_outgoing_view(ctx.who(), ctx.authorizer(), *state)));
    TS_ASSIGN_OR_RETURN(auto d, find_outgoing(tx, id));
    if (!d) return d;
    TS_ASSIGN_OR_RETURN((*d)["events"], list_events(tx, Subject::kOutgoing, id));
    TS_TRY(m.add_signatures(tx, *d));
    // Whether approval and issue sign at all: the screens must not say "signed" otherwise.
    (*d)["signing_enabled"] = s.signer.enabled();
    return d;
  }));
  if (!doc) return Error::not_found("Không tìm thấy văn bản đi.");
  return http::Response::json(*doc, status);
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

// The incoming documents a draft answers must be ones its drafter may read.
Status authorize_replies(http::Context& ctx, storage::Tx& tx, const DraftInput& in) {
  for (int64_t incoming : in.reply_to) {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT unit_id FROM incoming_documents WHERE id = $1", {incoming}));
    if (rows.empty())
      return Error::validation("reply_to", "Không tìm thấy văn bản đến được trả lời.");
    if (!ctx.use_grant(authorize_incoming_view(ctx.who(), ctx.authorizer(), tx, incoming,
                                               rows.front().i64(0)))
             .ok())
      return Error::validation("reply_to",
                               "Văn bản đến được trả lời không thuộc phạm vi của Ông/Bà.");
  }
  return ctx.authorize(documents::kHandleDocument, in.drafting_unit_id);
}

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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_TRY(ctx.authorize(documents::kHandleDocument, *unit));
        TS_ASSIGN_OR_RETURN(auto items,
                            s.db.read([&](storage::Tx& tx) { return leaders_of(tx, *unit); }));
        return http::Response::json(boost::json::object{{"items", std::move(items)}});
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
        TS_TRY(ctx.authorize(documents::kHandleDocument, in.drafting_unit_id));
        TS_ASSIGN_OR_RETURN(
            int64_t id, s.changes.apply(ctx.actor(), [&](audit::ChangeTx& tx) -> Result<int64_t> {
              TS_TRY(authorize_replies(ctx, tx.sql(), in));
              return create_draft(tx, m.files(), in);
            }));
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
        TS_TRY(s.changes.apply(ctx.actor(), [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx.sql(), id));
          if (!state) return Error::not_found("Không tìm thấy văn bản đi.");
          TS_TRY(ctx.authorize(documents::kHandleDocument, state->drafting_unit_id));
          TS_TRY(authorize_replies(ctx, tx.sql(), in));
          return revise_draft(tx, m.files(), *state, version, in);
        }));
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
        .handler = [&s, &m, step = route.step](http::Context& ctx) -> Result<http::Response> {
          TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          json::FieldReader r(body);
          int64_t version = r.required_int("version", 1, INT64_MAX);
          std::optional<int64_t> reviewer;
          if (step == Step::kSubmit || step == Step::kPass)
            reviewer = r.required_int("reviewer_id", 1, INT64_MAX);
          std::optional<std::string> note;
          if (step == Step::kReturn)
            note = r.required_string("note", 4000);
          else if (step != Step::kIssue)
            note = r.optional_string("note", 4000);
          TS_TRY(r.finish());
          auto org = s.org.get();
          // Approval and issue sign the main file — the leader's key, then the agency's —
          // before the transaction; a draft revised meanwhile has a new version (409). Nobody's
          // key is used for a caller who may not take the step on this document at this stage:
          // that is checked first, and again inside the transaction.
          std::optional<signing::FileSignature> signature;
          if (step == Step::kApprove || step == Step::kIssue) {
            TS_ASSIGN_OR_RETURN(
                auto target,
                s.db.read([&](storage::Tx& tx) -> Result<std::pair<OutgoingState, int64_t>> {
                  TS_ASSIGN_OR_RETURN(auto st, load_outgoing_state(tx, id));
                  if (!st) return Error::not_found("Không tìm thấy văn bản đi.");
                  TS_ASSIGN_OR_RETURN(auto f, main_file_of(tx, id));
                  return std::make_pair(*st, f);
                }));
            const OutgoingState& st = target.first;
            if (step == Step::kIssue) {
              TS_TRY(ctx.authorize(documents::kRegisterDocument, st.unit_id));
            } else {
              if (!st.reviewer_id || *st.reviewer_id != ctx.who().id) {
                TS_TRY(ctx.use_grant(authorize_outgoing_view(ctx.who(), ctx.authorizer(), st)));
                return Error::forbidden("Văn bản không đang chờ Ông/Bà duyệt.");
              }
              TS_TRY(ctx.authorize(documents::kSignDocument, st.unit_id));
            }
            // Before signing: a stale or misplaced step must not leave a signature behind.
            TS_TRY(act_on_outgoing(st.status, st.version, version, step));
            std::string key_name = ctx.who().login;
            if (step == Step::kIssue) {
              const auto* unit = org->find(st.unit_id);
              if (unit == nullptr) return Error::internal("issuing unit missing");
              key_name = unit->code;
            }
            TS_ASSIGN_OR_RETURN(signature,
                                m.maybe_sign(key_name, step == Step::kIssue ? "agency" : "personal",
                                             target.second));
          }
          TS_TRY(s.changes.apply(ctx.actor(), [&](audit::ChangeTx& tx) -> Status {
            TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx.sql(), id));
            if (!state) return Error::not_found("Không tìm thấy văn bản đi.");
            bool is_reviewer = state->reviewer_id && *state->reviewer_id == ctx.who().id;
            switch (step) {
              case Step::kSubmit:
                TS_TRY(ctx.authorize(documents::kHandleDocument, state->drafting_unit_id));
                return submit_draft(tx, *state, version, *reviewer, note);
              case Step::kPass:
              case Step::kReturn:
              case Step::kApprove:
                if (!is_reviewer) {
                  TS_TRY(
                      ctx.use_grant(authorize_outgoing_view(ctx.who(), ctx.authorizer(), *state)));
                  return Error::forbidden("Văn bản không đang chờ Ông/Bà duyệt.");
                }
                if (step == Step::kPass) return pass_review(tx, *state, version, *reviewer, note);
                if (step == Step::kReturn) return return_draft(tx, *state, version, *note);
                // Signing binds the issuing agency: the leader must hold that authority.
                TS_TRY(ctx.authorize(documents::kSignDocument, state->unit_id));
                TS_TRY(approve(tx, *state, version, note));
                if (signature) TS_TRY(signing::store_signature(tx, *signature));
                return ok_status();
              case Step::kIssue:
                TS_TRY(ctx.authorize(documents::kRegisterDocument, state->unit_id));
                TS_TRY(issue(tx, *org, *state, version));
                if (signature) TS_TRY(signing::store_signature(tx, *signature));
                return ok_status();
              case Step::kRevise:  // PUT, not a step route
                break;
            }
            return Error::internal("unknown step");
          }));
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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        OutgoingQuery q;
        if (ctx.request().query_param("awaiting").value_or("") == "me") {
          q.reviewer_id = ctx.who().id;
        } else {
          TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
          if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
          q.unit_id = *unit;
          TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), q.unit_id)));
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
        TS_ASSIGN_OR_RETURN(auto rows,
                            s.db.read([&](storage::Tx& tx) { return list_outgoing(tx, q); }));
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
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
          TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx, id));
          if (!state) return Error::not_found("Không tìm thấy văn bản đi.");
          TS_TRY(ctx.use_grant(authorize_outgoing_view(ctx.who(), ctx.authorizer(), *state)));
          TS_ASSIGN_OR_RETURN(bool own, outgoing_has_file(tx, id, file_id));
          TS_ASSIGN_OR_RETURN(bool in_timeline,
                              event_has_file(tx, Subject::kOutgoing, id, file_id));
          if (!own && !in_timeline) return Error::not_found("Tệp không thuộc văn bản này.");
          return m.files().meta(tx, file_id);
        }));
        return files::download(m.files(), meta);
      },
  });
}

}  // namespace tinhso::documents
