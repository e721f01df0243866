// HTTP routes the public uses: sending feedback (signed in or not), following it with its code
// and secret, completing, rating or reopening it, and reading the published answers. They read
// the request and answer; FeedbackService (service.h) decides.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "feedback/feedback_input.h"
#include "feedback/routes.h"
#include "feedback/service.h"

namespace tinhso::feedback {

namespace {

using boost::json::array;
using boost::json::object;

constexpr const char* kSubmissionSchema = R"({"type":"object",
    "required":["category_id","title","content"],
    "properties":{"kind":{"type":"string","enum":["reflection","petition"]},
    "category_id":{"type":"integer"},"title":{"type":"string"},"content":{"type":"string"},
    "proposal":{"type":"string"},
    "sender":{"type":"object","properties":{"name":{"type":"string"},
      "address":{"type":"string"},"phone":{"type":"string"},"email":{"type":"string"}}},
    "location":{"type":"string"},"latitude":{"type":"number"},"longitude":{"type":"number"},
    "dossier_code":{"type":"string"}}})";

std::string token_of(const http::Context& ctx, const boost::json::value* body = nullptr) {
  if (body != nullptr && body->is_object()) {
    if (const auto* t = body->as_object().if_contains("token"); t && t->is_string())
      return std::string(t->as_string());
  }
  return std::string(ctx.request().query_param("token").value_or(""));
}

}  // namespace

object submitted_json(const FeedbackService::Submitted& s) {
  return object{{"code", s.item.code},
                {"token", s.token},
                {"status", status_name(s.item.status)},
                {"status_label", status_label_vi(s.item.status)},
                {"missing", array(s.missing.begin(), s.missing.end())},
                {"suspected", s.item.suspected ? boost::json::value(*s.item.suspected)
                                               : boost::json::value(nullptr)}};
}

Result<FeedbackService::Upload> upload_of(const http::Context& ctx) {
  FeedbackService::Upload up;
  up.name = std::string(ctx.request().query_param("name").value_or(""));
  if (up.name.empty()) return Error::validation("name", "Cần tên tệp (?name=).");
  up.content_type = ctx.request().header("content-type").value_or("application/octet-stream");
  up.bytes = ctx.request().body;
  return up;
}

void register_public_routes(http::Router& router, Feedback& m) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/feedback-categories",
      .summary = "Categories of feedback people may send, with their answering time",
      .tag = "feedback",
      .access = Access::kPublic,
      .handler = [&m](http::Context&) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto items, m.service().categories());
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/public/feedback",
      .summary = "Send feedback or a petition (ND 20/2008): anyone, signed in or not; answers "
                 "its code and the secret of the sender's link, shown once. Without the sender's "
                 "name, address and phone or e-mail (Art. 7) it is kept as a draft and `missing` "
                 "says what to add",
      .tag = "feedback",
      .access = Access::kPublic,
      .body_limit = 64 * 1024,
      .request_schema = http::schema(kSubmissionSchema),
      .success_status = 201,
      .answer_holds_secret = true,
      .anonymous_retries = true,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto sub, read_submission(body, false));
        TS_ASSIGN_OR_RETURN(auto made, m.service().submit(ctx.principal(), ctx.actor(), sub));
        return http::Response::json(submitted_json(made), 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/feedback/{code}",
      .summary = "The sender's view of their feedback: with the secret of their link, or signed "
                 "in as its sender; a published answer is readable by anyone without it",
      .tag = "feedback",
      .access = Access::kPublic,
      .query = {{"token", "The secret of the sender's link"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        std::string token = token_of(ctx);
        if (token.empty() && ctx.principal() == nullptr) {
          TS_ASSIGN_OR_RETURN(auto o, m.service().published_item(code));
          return http::Response::json(std::move(o));
        }
        auto mine = m.service().track(code, token, ctx.principal());
        // Not the sender (an old or mistyped link, another account): what the public reads.
        if (!mine.ok() && mine.error().status() == 404) {
          TS_ASSIGN_OR_RETURN(auto o, m.service().published_item(code));
          return http::Response::json(std::move(o));
        }
        TS_TRY(mine);
        auto r = http::Response::json(std::move(*mine));
        r.set_header("Cache-Control", "no-store");
        return r;
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/public/feedback/{code}/actions",
      .summary = "The sender completes a draft, replies to a question (reply, with note), rates "
                 "the answer (1–5) or disagrees once and has it looked at again; `token` in the "
                 "body, or signed in as the sender",
      .tag = "feedback",
      .access = Access::kPublic,
      .body_limit = 32 * 1024,
      .request_schema = http::schema(R"({"type":"object","required":["action"],
          "properties":{"action":{"type":"string","enum":["complete","rate","reopen","reply"]},
          "token":{"type":"string"},"rating":{"type":"integer","minimum":1,"maximum":5},
          "note":{"type":"string"},"content":{"type":"string"},
          "sender":{"type":"object"}}})"),
      .anonymous_retries = true,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_action(body, true));
        std::string code(ctx.param("code").value_or(""));
        TS_ASSIGN_OR_RETURN(auto o, m.service().sender_act(code, token_of(ctx, &body),
                                                           ctx.principal(), ctx.actor(), in));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/feedback/{code}/letter",
      .summary = "The sender's letter (PDF) when reception did not accept the item, forwarded it "
                 "outside the province or routed it as a complaint or denunciation",
      .tag = "feedback",
      .access = Access::kPublic,
      .query = {{"token", "The secret of the sender's link"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        TS_ASSIGN_OR_RETURN(auto pdf,
                            m.service().sender_letter(code, token_of(ctx), ctx.principal()));
        auto r = http::Response::file(std::move(pdf), "application/pdf",
                                      fmt::format("thong-bao-{}.pdf", code), true);
        r.set_header("Cache-Control", "private, no-store");
        return r;
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/public/feedback/{code}/attachments",
      .summary = "The sender attaches a photo or paper (JPEG, PNG or PDF as the raw body; ?name= "
                 "its file name) while the item is a draft or being handled; the same file sent "
                 "again adds nothing",
      .tag = "feedback",
      .access = Access::kPublic,
      .body_limit = static_cast<std::size_t>(m.services().config.files.max_file_bytes),
      .query = {{"name", "File name", true}, {"token", "The secret of the sender's link"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        TS_ASSIGN_OR_RETURN(auto up, upload_of(ctx));
        TS_ASSIGN_OR_RETURN(auto o, m.service().sender_attach(code, token_of(ctx), ctx.principal(),
                                                              ctx.actor(), up));
        auto r = http::Response::json(std::move(o));
        r.set_header("Cache-Control", "no-store");
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/feedback/{code}/attachments/{file_id}",
      .summary = "The sender downloads a file attached to their item (attachments are never "
                 "public: a photo may show people)",
      .tag = "feedback",
      .access = Access::kPublic,
      .query = {{"token", "The secret of the sender's link"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, m.service().sender_attachment(code, token_of(ctx),
                                                                     ctx.principal(), file_id));
        auto r = files::download(m.service().files(), meta);
        if (r.ok()) r->set_header("Cache-Control", "private, no-store");
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/feedback",
      .summary = "Published answers, newest first, without personal data; search by words "
                 "(accents optional), category, answering unit and period",
      .tag = "feedback",
      .access = Access::kPublic,
      .query = {{"q", "Words, accents optional"},
                {"category_id", "Category", false, "integer"},
                {"unit_id", "Answering unit", false, "integer"},
                {"from", "Answered on or after (YYYY-MM-DD)"},
                {"to", "Answered on or before (YYYY-MM-DD)"},
                {"limit", "Page size (max 100)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        PublicQuery q;
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        TS_ASSIGN_OR_RETURN(q.category_id, ctx.query_int("category_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(q.unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(auto from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(auto to, ctx.query_date("to"));
        if (from) q.from = local_instant(*from, 0);
        if (to) q.until = local_instant(add_days(*to, 1), 0);
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 20, 100));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;
        TS_ASSIGN_OR_RETURN(auto rows, m.service().published(q));
        return http::Response::json(http::keyed_page_json(array(rows.rows.begin(), rows.rows.end()),
                                                          rows.keys, page.limit));
      },
  });
}

}  // namespace tinhso::feedback
