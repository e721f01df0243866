// Routes: /api/v1/dossiers/… for officials (work queues, reception at the desk, the dossier,
// actions, its files and printable forms) and /api/v1/my/dossiers/… for applicants (online
// submission, their dossiers, supplements, withdrawal, rating).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/storage/sql.h"
#include "core/workflow/deadline.h"
#include "onestop/access.h"
#include "onestop/forms.h"
#include "onestop/module.h"
#include "onestop/queues.h"
#include "onestop/routes.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value opt_time(const std::optional<Instant>& t) {
  return t ? value(format_rfc3339(*t)) : value(nullptr);
}

object queue_row_json(const QueueRow& r, const calendar::WorkingCalendar& cal, Instant now,
                      int64_t warning) {
  auto status = parse_status(r.status);
  object o{{"id", r.id},
           {"code", r.code},
           {"procedure_name", r.procedure_name},
           {"applicant_name", r.applicant_name},
           {"status", r.status},
           {"status_label", status ? status_label_vi(*status) : ""},
           {"channel", r.channel},
           {"submitted_at", opt_time(r.submitted_at)},
           {"received_at", opt_time(r.received_at)},
           {"due_at", opt_time(r.due_at)},
           {"current_step", r.current_step},
           {"current_unit_id", r.current_unit_id ? value(*r.current_unit_id) : value(nullptr)},
           {"current_assignee_id",
            r.current_assignee_id ? value(*r.current_assignee_id) : value(nullptr)},
           {"paused", r.paused},
           {"version", r.version}};
  if (r.due_at && !r.paused && status && is_open(*status)) {
    auto u = workflow::urgency(cal, now, *r.due_at, warning);
    o["urgency"] = workflow::urgency_name(u);
    o["remaining_seconds"] = workflow::remaining(cal, now, *r.due_at);
  } else {
    o["urgency"] = nullptr;
  }
  return o;
}

// The local start of a date parameter's day, or of the next day (an exclusive end).
Result<std::optional<Instant>> date_param(const http::Context& ctx, std::string_view name,
                                          bool end_of_day) {
  TS_ASSIGN_OR_RETURN(auto d, ctx.query_date(name));
  if (!d) return std::optional<Instant>();
  return std::optional<Instant>(local_instant(end_of_day ? add_days(*d, 1) : *d, 0));
}

Result<Dossier> load_for_official(OneStop& m, const http::Context& ctx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto d, m.dossiers().load(id));
  TS_TRY(m.dossiers().check_view(ctx.who(), d));
  return d;
}

Result<Dossier> load_for_applicant(OneStop& m, const http::Context& ctx, int64_t id) {
  auto d = m.dossiers().load(id);
  // Someone else's dossier is indistinguishable from a missing one.
  if (!d.ok() || d->applicant_account_id != ctx.who().id)
    return Error::not_found("Không tìm thấy hồ sơ.");
  return d;
}

Result<http::Response> act(OneStop& m, http::Context& ctx, int64_t id, bool applicant) {
  TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
  std::optional<int64_t> expected;
  std::vector<PaperFiles> files;
  TS_ASSIGN_OR_RETURN(auto in, read_action(body, &expected, &files));
  if (applicant) {
    static constexpr Action kApplicantActions[] = {Action::kSupply, Action::kWithdraw,
                                                   Action::kRate, Action::kPayFees};
    if (std::find(std::begin(kApplicantActions), std::end(kApplicantActions), in.action) ==
        std::end(kApplicantActions)) {
      return Error::validation("action", "Thao tác này không dành cho người nộp hồ sơ.");
    }
  }
  if (!expected)
    return Error::validation("expected_version",
                             "Cần phiên bản hồ sơ đang xem (expected_version).");
  TS_ASSIGN_OR_RETURN(auto d, m.dossiers().act(ctx.who(), ctx.actor(), id, *expected, in, files));
  TS_ASSIGN_OR_RETURN(
      auto o, m.dossiers().view(d,
                                ctx.who().is_applicant() ? DossierService::Audience::kApplicant
                                                         : DossierService::Audience::kOfficial,
                                &ctx.who()));
  return http::Response::json(o);
}

const char* kSubmissionSchema = R"({"type":"object","required":["procedure_id"],"properties":{
  "procedure_id":{"type":"integer"},"agency_unit_id":{"type":"integer"},"desk_unit_id":{"type":"integer"},"result_unit_id":{"type":"integer"},"channel":{"type":"string","enum":["desk","postal"]},
  "applicant":{"type":"object","properties":{"kind":{"type":"string","enum":["citizen","business"]},"name":{"type":"string"},
    "id_number":{"type":"string"},"tax_code":{"type":"string"},"address":{"type":"string"},"phone":{"type":"string"},
    "email":{"type":"string"},"commune_unit_id":{"type":"integer"},"representative":{"type":"string"}}},
  "return_method":{"type":"string","enum":["desk","post","online"]},"postal_address":{"type":"string"},
  "form_data":{"type":"object"},
  "papers":{"type":"array","items":{"type":"object","properties":{"index":{"type":"integer"},"file_ids":{"type":"array","items":{"type":"integer"}}}}},
  "papers_received":{"type":"array"},"sets_count":{"type":"integer"}}})";

const char* kActionSchema =
    R"({"type":"object","required":["action","expected_version"],"properties":{
  "action":{"type":"string","enum":["receive","desk_supplement","desk_refuse","assign","forward","send_back",
    "request_supplement","supply","request_fees","pay_fees","suspend","resume","refuse","approve","return_result",
    "withdraw","apology","rate"]},
  "expected_version":{"type":"integer"},"note":{"type":"string"},"assignee_id":{"type":"integer"},"to_step":{"type":"integer"},
  "items":{"type":"array","items":{"type":"string"}},"fee_amount":{"type":"integer"},"payment_reference":{"type":"string"},
  "result_file_id":{"type":"integer"},"result_note":{"type":"string"},"return_method":{"type":"string"},"postal_tracking":{"type":"string"},
  "new_due":{"type":"string","format":"date-time"},"answers":{"type":"object"},"papers":{"type":"array"}}})";

// A form of `d` as a PDF download named by its number in the dossier's set.
Result<http::Response> form_pdf(Services& s, OneStop& m, const Dossier& d, Form form) {
  TS_ASSIGN_OR_RETURN(auto pdf, render_dossier_form(s, m.procedures(), d, form));
  return http::Response::file(
      std::move(pdf), "application/pdf",
      fmt::format("{}-mau-{}.pdf", d.code, form_number(form, form_set_of(d))), true);
}

}  // namespace

void register_dossier_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  // ---- Officials -------------------------------------------------------------------------
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/dossiers",
      .summary =
          "A work queue: mine (assigned to me), unit (my units' current step), desk "
          "(awaiting reception or "
          "return), all (open dossiers of the agencies in scope; any with ?status=); by due time",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .query = {{"queue", "mine | unit | desk | all"},
                {"status", "Comma-separated statuses"},
                {"procedure_id", "Procedure", false, "integer"},
                {"agency_id", "Agency (with its sub-units)", false, "integer"},
                {"channel", "online | desk | postal"},
                {"urgency", "near_due | overdue"},
                {"received_from", "YYYY-MM-DD"},
                {"received_to", "YYYY-MM-DD"},
                {"q", "Dossier code or applicant (accents optional)"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "From next_cursor"}},
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_queues(ctx.who(), ctx.authorizer())));
        QueueQuery q;
        q.queue = std::string(ctx.request().query_param("queue").value_or("unit"));
        if (q.queue != "mine" && q.queue != "unit" && q.queue != "desk" && q.queue != "all")
          return Error::validation("queue", "Hàng đợi không hợp lệ (mine, unit, desk, all).");
        if (auto st = ctx.request().query_param("status"); st && !st->empty()) {
          for (auto part : text::split(*st, ',')) {
            if (!parse_status(part))
              return Error::validation("status", fmt::format("Trạng thái không hợp lệ: {}", part));
            q.statuses.emplace_back(part);
          }
        }
        TS_ASSIGN_OR_RETURN(q.procedure_id, ctx.query_int("procedure_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(q.agency_id, ctx.query_int("agency_id", 1, INT64_MAX));
        if (auto c = ctx.request().query_param("channel")) {
          if (*c != "online" && *c != "desk" && *c != "postal")
            return Error::validation("channel", "Kênh nộp không hợp lệ (online, desk, postal).");
          q.channel = std::string(*c);
        }
        if (auto u = ctx.request().query_param("urgency")) {
          if (*u != "near_due" && *u != "overdue")
            return Error::validation("urgency", "Giá trị không hợp lệ (near_due, overdue).");
          q.urgency = std::string(*u);
        }
        TS_ASSIGN_OR_RETURN(q.received_from, date_param(ctx, "received_from", false));
        TS_ASSIGN_OR_RETURN(q.received_to, date_param(ctx, "received_to", true));
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        if (page.after) {
          const auto* k = page.after->if_contains("k");
          const auto* i = page.after->if_contains("i");
          if (!k || !i || !k->is_int64() || !i->is_int64())
            return Error::validation("cursor", "Con trỏ trang không hợp lệ.");
          q.after = std::pair{k->as_int64(), i->as_int64()};
        }
        auto cal = s.calendar.get();
        Instant now = s.clock.now();
        Instant near = cal->add_working_seconds(now, m.dossiers().warning_seconds());
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return list_queue(tx, ctx.who(), s.authorizer, q, now, near);
        }));
        array items;
        std::optional<object> next;
        for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
          items.push_back(queue_row_json(rows[i], *cal, now, m.dossiers().warning_seconds()));
        }
        if (static_cast<int>(rows.size()) > page.limit) {
          const auto& last = rows[static_cast<std::size_t>(page.limit - 1)];
          next = object{{"k", last.sort_key}, {"i", last.id}};
        }
        return http::Response::json(http::page_json(std::move(items), std::move(next)));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/dossiers/counts",
      .summary = "Counts of each work queue: total, near due, overdue",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_queues(ctx.who(), ctx.authorizer())));
        auto cal = s.calendar.get();
        Instant now = s.clock.now();
        Instant near = cal->add_working_seconds(now, m.dossiers().warning_seconds());
        object out;
        TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
          for (const char* queue : {"mine", "unit", "desk"}) {
            TS_ASSIGN_OR_RETURN(auto c, count_queue(tx, ctx.who(), s.authorizer, queue, now, near));
            out[queue] =
                object{{"total", c.total}, {"near_due", c.near_due}, {"overdue", c.overdue}};
          }
          return ok_status();
        }));
        return http::Response::json(out);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/dossiers",
      .summary = "Receive a dossier at the one-stop desk (paper submission or by post)",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .body_limit = 1 << 20,
      .request_schema = http::schema(kSubmissionSchema),
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_counter(ctx.who(), ctx.authorizer())));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto sub, read_submission(body, true));
        boost::json::object o;
        TS_TRY(m.dossiers().create_at_desk(ctx.who(), ctx.actor(), std::move(sub), &o));
        return http::Response::json(o, 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/dossiers/{id}",
      .summary = "A dossier with its papers, process, timeline and the actions the caller may take",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto d, load_for_official(m, ctx, id));
        TS_ASSIGN_OR_RETURN(auto o,
                            m.dossiers().view(d, DossierService::Audience::kOfficial, &ctx.who()));
        return http::Response::json(o);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/dossiers/{id}/actions",
      .summary = "Take an action on a dossier (receive, forward, approve …); 409 when "
                 "expected_version is stale",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .body_limit = 256 << 10,
      .request_schema = http::schema(kActionSchema),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        return act(m, ctx, id, false);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/dossiers/{id}/files/{file_id}",
      .summary = "Download a paper or result attached to a dossier",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto d, load_for_official(m, ctx, id));
        return dossier_file_response(s, m.files(), d, file_id);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/dossiers/{id}/forms/{form}",
      .summary = "A printable form (PDF) by its stable name (receipt, supplement, refusal, "
                 "apology, stop, control) or its number in the set the dossier follows (its "
                 "form_set): 01 receipt, 02 supplement request, 03 refusal, 04 apology; then "
                 "under Thông tư 01/2018/TT-VPCP 05 the processing control slip, under Thông tư "
                 "03/2025/TT-VPCP (dossiers received from 15/09/2025) 05 the notice that "
                 "processing stopped and 06 the control slip (05 of such a dossier without a "
                 "stop notice: 409 form.renumbered)",
      .tag = "dossiers",
      .access = Access::kOfficial,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto d, load_for_official(m, ctx, id));
        TS_ASSIGN_OR_RETURN(Form form, requested_form(d, ctx.param("form").value_or("")));
        return form_pdf(s, m, d, form);
      },
  });

  // ---- Applicants ------------------------------------------------------------------------
  router.add({
      .method = Method::kPost,
      .path = "/api/v1/my/dossiers",
      .summary = "Submit a dossier online (papers are uploaded first with POST /api/v1/files)",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .body_limit = 1 << 20,
      .request_schema = http::schema(kSubmissionSchema),
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        int retry = 0;
        if (m.submissions().enabled() &&
            !m.submissions().allow(fmt::format("a{}", ctx.who().id), &retry)) {
          return Error::rate_limited(retry);
        }
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto sub, read_submission(body, false));
        boost::json::object o;
        TS_TRY(m.dossiers().submit_online(ctx.who(), ctx.actor(), std::move(sub), &o));
        return http::Response::json(o, 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/dossiers",
      .summary = "The signed-in applicant's dossiers, newest first",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .query = {{"limit", "Page size (max 100)", false, "integer"}, {"cursor", "From next_cursor"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 20, 100));
        // Newest submission first (a counter dossier recorded later for an older submission
        // still sits where its date puts it); the cursor is the last row's (time, id).
        int64_t before_at = INT64_MAX, before_id = INT64_MAX;
        if (page.after) {
          const auto* at = page.after->if_contains("s");
          const auto* i = page.after->if_contains("i");
          if (!at || !i || !at->is_int64() || !i->is_int64())
            return Error::validation("cursor", "Con trỏ trang không hợp lệ.");
          before_at = at->as_int64();
          before_id = i->as_int64();
        }
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return tx.query(
              "SELECT d.id, d.code, p.name, d.status, d.submitted_at, d.due_at, d.returned_at, "
              "d.version, d.rated_at "
              "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
              "WHERE d.applicant_account_id = $1 AND (d.submitted_at < $2 OR (d.submitted_at = "
              "$2 AND d.id < $3)) ORDER BY d.submitted_at DESC, d.id DESC LIMIT $4",
              {ctx.who().id, before_at, before_id, static_cast<int64_t>(page.limit + 1)});
        }));
        array items;
        std::optional<object> next;
        int n = 0;
        for (const auto& r : rows) {
          if (n++ == page.limit) {
            const auto& last = items.back().as_object();
            next =
                object{{"s", last.at("submitted_ms").as_int64()}, {"i", last.at("id").as_int64()}};
            break;
          }
          auto st = parse_status(r.str(3));
          items.push_back(
              object{{"id", r.i64(0)},
                     {"code", r.str(1)},
                     {"procedure_name", r.str(2)},
                     {"status", r.str(3)},
                     {"status_label", st ? status_label_vi(*st) : ""},
                     {"submitted_at", format_rfc3339(from_millis(r.i64(4)))},
                     {"submitted_ms", r.i64(4)},
                     {"due_at",
                      r.is_null(5) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(5))))},
                     {"returned_at",
                      r.is_null(6) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(6))))},
                     {"version", r.i64(7)},
                     {"rated", !r.is_null(8)}});
        }
        return http::Response::json(http::page_json(std::move(items), std::move(next)));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/dossiers/{id}",
      .summary = "One of the applicant's dossiers with its progress, requests and result",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto d, load_for_applicant(m, ctx, id));
        TS_ASSIGN_OR_RETURN(auto o,
                            m.dossiers().view(d, DossierService::Audience::kApplicant, &ctx.who()));
        return http::Response::json(o);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/my/dossiers/{id}/actions",
      .summary = "Supply requested papers, pay fees, withdraw the dossier, or rate the service",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .body_limit = 256 << 10,
      .request_schema = http::schema(kActionSchema),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(load_for_applicant(m, ctx, id));
        return act(m, ctx, id, true);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/dossiers/{id}/files/{file_id}",
      .summary = "Download a paper or the result of the applicant's dossier",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto d, load_for_applicant(m, ctx, id));
        return dossier_file_response(s, m.files(), d, file_id);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/dossiers/{id}/receipt",
      .summary = "The reception receipt and appointment slip (Mẫu 01, PDF)",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto d, load_for_applicant(m, ctx, id));
        if (!d.received_at)
          return Error::conflict("dossier.not_received",
                                 "Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn.");
        TS_ASSIGN_OR_RETURN(auto pdf, render_dossier_form(s, m.procedures(), d, Form::kReceipt));
        return http::Response::file(std::move(pdf), "application/pdf",
                                    fmt::format("{}-giay-hen.pdf", d.code), true);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/dossiers/{id}/forms/{form}",
      .summary = "A form addressed to the applicant (PDF), by name or by number as for officials: "
                 "those listed in the dossier's forms (not the control slip)",
      .tag = "my-dossiers",
      .access = Access::kApplicant,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto d, load_for_applicant(m, ctx, id));
        TS_ASSIGN_OR_RETURN(Form form, requested_form(d, ctx.param("form").value_or("")));
        if (form == Form::kControl)
          return Error::not_found("Phiếu kiểm soát quá trình là giấy tờ nội bộ của cơ quan.");
        return form_pdf(s, m, d, form);
      },
  });
}

}  // namespace tinhso::onestop
