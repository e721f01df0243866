// HTTP routes of officials: entering feedback received by telephone, letter or in person; the
// queues of a unit; an item with its history; the actions of reception and of the competent
// unit; the figures. They read the request and answer; FeedbackService (service.h) authorises
// and acts.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <functional>

#include "core/base/json.h"
#include "core/export/xlsx.h"
#include "core/files/download.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "feedback/feedback_input.h"
#include "feedback/routes.h"
#include "feedback/service.h"

namespace tinhso::feedback {

void register_feedback_routes(http::Router& router, Feedback& m) {
  using boost::json::array;
  using boost::json::object;
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/feedback",
      .summary = "Enter feedback received by the hotline, by post, by e-mail or in person, on "
                 "behalf of its sender (reception officers)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = 64 * 1024,
      .success_status = 201,
      .answer_holds_secret = true,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto sub, read_submission(body, true));
        TS_ASSIGN_OR_RETURN(auto made, m.service().enter(ctx.who(), ctx.actor(), sub));
        return http::Response::json(submitted_json(made), 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback",
      .summary = "A unit's feedback: open items by deadline first (those waiting for reception "
                 "by their routing deadline), or by status; overdue ones marked",
      .tag = "feedback",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit (or mine=1)", false, "integer"},
                {"mine", "1: the items assigned to the caller, in every unit"},
                {"status",
                 "open (default) | overdue | cases (complaints, denunciations) | all | "
                 "a status"},
                {"q", "Words of the title, content or answer, accents optional"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        QueueQuery q;
        if (ctx.request().query_param("mine").value_or("") == "1")
          q.assignee_id = ctx.who().id;
        else if (!unit)
          return Error::validation("unit_id", "Chọn đơn vị.");
        q.unit_id = unit.value_or(0);
        q.status = std::string(ctx.request().query_param("status").value_or("open"));
        if (q.status != "open" && q.status != "overdue" && q.status != "all" &&
            q.status != "cases" && !parse_status(q.status))
          return Error::validation("status", "Trạng thái không hợp lệ.");
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;
        TS_ASSIGN_OR_RETURN(auto rows, m.service().queue(ctx.who(), q));
        return http::Response::json(http::keyed_page_json(array(rows.rows.begin(), rows.rows.end()),
                                                          rows.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/stats",
      .summary = "Feedback received in a period by answering unit and category, and by channel: "
                 "answered, on time, open, overdue, ratings (reception: every unit; leaders: "
                 "their units); ?format=xlsx for Excel (a sheet each)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .query = {{"from", "First day (YYYY-MM-DD)", true}, {"to", "Last day (YYYY-MM-DD)", true}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(auto to, ctx.query_date("to"));
        if (!from || !to) return Error::validation("from", "Chọn khoảng thời gian.");
        if (*to < *from) return Error::validation("to", "Ngày cuối phải sau ngày đầu.");
        std::string format(ctx.request().query_param("format").value_or("json"));
        if (format != "json" && format != "xlsx")
          return Error::validation("format", "Định dạng là json hoặc xlsx.");
        TS_ASSIGN_OR_RETURN(auto figures, m.service().statistics(ctx.who(), *from, *to));
        if (format == "json") return http::Response::json(std::move(figures));
        // Columns after the first (one or two) naming the row: the figures, then a total row.
        const char* keys[] = {"received", "answered", "answered_on_time",
                              "open",     "overdue",  "rated"};
        auto sheet = [&](std::string name, std::vector<std::string> head,
                         std::vector<double> widths, const boost::json::array& rows,
                         const std::function<std::vector<xlsx::Cell>(const object&)>& names) {
          xlsx::Sheet sh;
          sh.name = std::move(name);
          sh.title = fmt::format("Tình hình tiếp nhận, xử lý phản ánh, kiến nghị từ {} đến {}",
                                 format_vn_date(*from), format_vn_date(*to));
          sh.head = std::move(head);
          for (const char* h : {"Tiếp nhận", "Đã trả lời", "Trả lời đúng hạn", "Đang xử lý",
                                "Quá hạn", "Lượt đánh giá", "Điểm hài lòng bình quân"})
            sh.head.emplace_back(h);
          sh.widths = std::move(widths);
          for (double w : {12, 12, 16, 12, 10, 14, 16}) sh.widths.push_back(w);
          int64_t sums[6] = {};
          std::size_t named = sh.head.size() - 7;  // the columns that name a row
          for (const auto& v : rows) {
            const auto& r = v.as_object();
            std::vector<xlsx::Cell> row = names(r);
            for (int k = 0; k < 6; ++k) {
              sums[k] += r.at(keys[k]).as_int64();
              row.emplace_back(r.at(keys[k]).as_int64());
            }
            const auto& avg = r.at("average_rating");
            row.push_back(avg.is_double() ? xlsx::Cell(avg.as_double()) : xlsx::Cell());
            sh.rows.push_back(std::move(row));
          }
          std::vector<xlsx::Cell> total{std::string("Tổng cộng")};
          while (total.size() < named) total.emplace_back(std::string());
          for (int64_t n : sums) total.emplace_back(n);
          total.emplace_back();
          sh.rows.push_back(std::move(total));
          return sh;
        };
        auto by_unit = sheet("Theo đơn vị, lĩnh vực", {"Đơn vị trả lời", "Lĩnh vực"}, {40, 36},
                             figures.at("items").as_array(), [](const object& r) {
                               return std::vector<xlsx::Cell>{
                                   std::string(r.at("unit").at("name").as_string()),
                                   std::string(r.at("category").at("name").as_string())};
                             });
        auto by_channel =
            sheet("Theo kênh tiếp nhận", {"Kênh tiếp nhận"}, {30},
                  figures.at("by_channel").as_array(), [](const object& r) {
                    return std::vector<xlsx::Cell>{std::string(r.at("channel_label").as_string())};
                  });
        TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({by_unit, by_channel}));
        return http::Response::file(std::move(bytes), xlsx::kContentType,
                                    fmt::format("phan-anh-kien-nghi-{}-{}.xlsx",
                                                format_iso_date(*from), format_iso_date(*to)));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/{id}",
      .summary = "A feedback item with its sender, history and the actions open to the reader",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto o, m.service().view(ctx.who(), id));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/{id}/assignees",
      .summary = "Officials the item may be assigned to: specialists and leaders of its unit and "
                 "of the units within it (the unit's leaders)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto items, m.service().assignees(ctx.who(), id));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/app-keys",
      .summary = "Open311 application keys (reception): name, daily allowance, when issued and "
                 "revoked; never the secret",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto keys, m.service().app_keys(ctx.who()));
        array items;
        for (const auto& k : keys) items.push_back(app_key_json(k));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/feedback/app-keys",
      .summary = "Issue an Open311 application key (reception): `key` is shown once and opens "
                 "only the Open311 endpoints",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = 4 * 1024,
      .request_schema = http::schema(R"({"type":"object","required":["name"],
          "properties":{"name":{"type":"string"},"per_day":{"type":"integer"}}})"),
      .success_status = 201,
      .answer_holds_secret = true,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string name = r.required_string("name", 200);
        int64_t per_day = r.optional_int("per_day", 1, 100000).value_or(1000);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto made, m.service().create_app_key(ctx.who(), ctx.actor(),
                                                                  std::move(name), per_day));
        object o = app_key_json(made.key);
        o["key"] = made.secret_text;
        return http::Response::json(o, 201);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/feedback/app-keys/{id}",
      .summary = "Revoke an Open311 application key (reception): it stops working at once",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(m.service().revoke_app_key(ctx.who(), ctx.actor(), id));
        return http::Response::no_content();
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/feedback/{id}/attachments",
      .summary = "Attach a photo or paper (JPEG, PNG or PDF as the raw body; ?name= its file "
                 "name) to an open item: reception, or the officials of the unit holding it",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = static_cast<std::size_t>(m.services().config.files.max_file_bytes),
      .query = {{"name", "File name", true}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto up, upload_of(ctx));
        TS_ASSIGN_OR_RETURN(auto o, m.service().attach(ctx.who(), ctx.actor(), id, up));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/{id}/letter",
      .summary = "The letter (PDF) telling the sender the item was not accepted, forwarded "
                 "outside the province or routed as a complaint or denunciation",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto pdf, m.service().letter(ctx.who(), id));
        return http::Response::file(std::move(pdf), "application/pdf",
                                    fmt::format("thong-bao-phan-anh-{}.pdf", id), true);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/feedback/{id}/attachments/{file_id}",
      .summary = "Download a file attached to a feedback item",
      .tag = "feedback",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t file_id, ctx.id_param("file_id"));
        TS_ASSIGN_OR_RETURN(auto meta, m.service().attachment(ctx.who(), id, file_id));
        return files::download(m.service().files(), meta);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/feedback/{id}/actions",
      .summary = "Act on a feedback item: register (classify, name the competent unit), reject, "
                 "forward_out, route_complaint, transfer, assign, extend, draft_answer, "
                 "return_draft, approve (publish or withhold with a reason), close, merge (into "
                 "main_code: answered with it), ask (a question to the sender, in note); for a "
                 "complaint or denunciation routed out (route_complaint with case_kind and "
                 "optionally unit_id): accept_case (complex, remote), decline_case, extend_case "
                 "(very_complex), decide_case (answer)",
      .tag = "feedback",
      .access = Access::kOfficial,
      .body_limit = 64 * 1024,
      .request_schema = http::schema(R"({"type":"object","required":["action","expected_version"],
          "properties":{"action":{"type":"string"},"expected_version":{"type":"integer"},
          "note":{"type":"string"},"unit_id":{"type":"integer"},"assignee_id":{"type":"integer"},
          "category_id":{"type":"integer"},"kind":{"type":"string"},"answer":{"type":"string"},
          "publish":{"type":"boolean"},"withheld_reason":{"type":"string"},
          "extend_days":{"type":"integer"},"main_code":{"type":"string"},
          "case_kind":{"type":"string","enum":["complaint","denunciation"]},
          "complex":{"type":"boolean"},"remote":{"type":"boolean"},
          "very_complex":{"type":"boolean"}}})"),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_action(body, false));
        TS_ASSIGN_OR_RETURN(auto o, m.service().act(ctx.who(), ctx.actor(), id, in));
        return http::Response::json(std::move(o));
      },
  });
}

}  // namespace tinhso::feedback
