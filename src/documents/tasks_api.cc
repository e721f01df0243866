// HTTP routes of tasks from leaders' directions: giving a task, progress reports, completion
// with evidence, reopening, lists by unit and status, and the monthly statistics per unit
// (JSON or Excel). They read the request and answer; TaskService (task_service.h) authorises
// and acts.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/access.h"
#include "documents/module.h"
#include "documents/permissions.h"
#include "documents/routes.h"
#include "documents/task_service.h"
#include "documents/tasks.h"

namespace tinhso::documents {

namespace {

using boost::json::array;
using boost::json::object;

}  // namespace

void register_task_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  // A changed task as its changer now sees it.
  auto detail = [&m](http::Context& ctx, int64_t id, int status) -> Result<http::Response> {
    TS_ASSIGN_OR_RETURN(auto t, m.tasks().view(ctx.who(), id));
    return http::Response::json(std::move(t), status);
  };

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/tasks",
      .summary = "Give a task from a document or a meeting: owner unit, cooperating units, a "
                 "deadline date (leaders of the assigning unit)",
      .tag = "tasks",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object",
          "required":["title","source_kind","assigning_unit_id","owner_unit_id","due_on"],
          "properties":{"title":{"type":"string"},"content":{"type":"string"},
          "source_kind":{"type":"string","enum":["document","meeting"]},
          "incoming_id":{"type":"integer"},"outgoing_id":{"type":"integer"},
          "source_note":{"type":"string"},"assigning_unit_id":{"type":"integer"},
          "owner_unit_id":{"type":"integer"},
          "cooperating_unit_ids":{"type":"array","items":{"type":"integer"}},
          "due_on":{"type":"string"}}})"),
      .success_status = 201,
      .handler = [&s, &m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = s.org.get();
        TS_ASSIGN_OR_RETURN(auto in, read_task(body, *org, local_date(s.clock.now())));
        TS_ASSIGN_OR_RETURN(int64_t id, m.tasks().give(ctx.who(), ctx.actor(), in));
        return detail(ctx, id, 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/tasks",
      .summary = "Tasks of a unit — as owner (default), cooperating, or those it gave — open by "
                 "deadline first, with overdue ones marked",
      .tag = "tasks",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit", true, "integer"},
                {"role", "owner (default) | cooperate | assigned"},
                {"status", "open | done | overdue; empty: all"},
                {"q", "Words of the title or content, accents optional"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TaskQuery q;
        q.unit_id = *unit;
        q.role = std::string(ctx.request().query_param("role").value_or("owner"));
        q.status = std::string(ctx.request().query_param("status").value_or(""));
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        if (q.role != "owner" && q.role != "cooperate" && q.role != "assigned")
          return Error::validation("role", "Vai trò không hợp lệ (owner, cooperate, assigned).");
        if (!q.status.empty() && q.status != "open" && q.status != "done" && q.status != "overdue")
          return Error::validation("status", "Trạng thái không hợp lệ (open, done, overdue).");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        TS_ASSIGN_OR_RETURN(auto rows, m.tasks().list(ctx.who(), q));
        return http::Response::json(http::keyed_page_json(array(rows.rows.begin(), rows.rows.end()),
                                                          rows.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/tasks/stats",
      .summary = "Monthly task statistics per owner unit within a unit: given, done on time, done "
                 "late, open and overdue; ?format=xlsx for Excel",
      .tag = "tasks",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit (its own tasks and those of units below it)", true,
                 "integer"},
                {"year", "Year", true, "integer"},
                {"month", "Month 1–12", true, "integer"},
                {"format", "json (default) | xlsx"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("year", 2000, 2100));
        TS_ASSIGN_OR_RETURN(auto month, ctx.query_int("month", 1, 12));
        if (!unit || !year || !month)
          return Error::validation("month", "Chọn đơn vị, năm và tháng.");
        TS_ASSIGN_OR_RETURN(auto rows,
                            m.tasks().month_stats(ctx.who(), *unit, static_cast<int>(*year),
                                                  static_cast<int>(*month)));
        std::string format(ctx.request().query_param("format").value_or("json"));
        TaskMonthRow total;
        for (const auto& r : rows) {
          total.assigned += r.assigned;
          total.done_on_time += r.done_on_time;
          total.done_late += r.done_late;
          total.open += r.open;
          total.overdue += r.overdue;
        }
        if (format == "xlsx") {
          xlsx::Sheet sh;
          sh.name = fmt::format("Tháng {:02}-{}", *month, *year);
          sh.title =
              fmt::format("Tình hình thực hiện nhiệm vụ được giao tháng {}/{}", *month, *year);
          sh.head = {"Đơn vị chủ trì",     "Giao trong tháng", "Hoàn thành đúng hạn",
                     "Hoàn thành quá hạn", "Đang thực hiện",   "Trong đó quá hạn"};
          sh.widths = {44, 16, 20, 20, 16, 16};
          for (const auto& r : rows)
            sh.rows.push_back(
                {r.unit_name, r.assigned, r.done_on_time, r.done_late, r.open, r.overdue});
          sh.rows.push_back({std::string("Tổng cộng"), total.assigned, total.done_on_time,
                             total.done_late, total.open, total.overdue});
          TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({sh}));
          return http::Response::file(std::move(bytes), xlsx::kContentType,
                                      fmt::format("nhiem-vu-{}-{:02}.xlsx", *year, *month));
        }
        if (format != "json") return Error::validation("format", "Định dạng là json hoặc xlsx.");
        auto row_json = [](const TaskMonthRow& r) {
          return object{{"assigned", r.assigned},
                        {"done_on_time", r.done_on_time},
                        {"done_late", r.done_late},
                        {"open", r.open},
                        {"overdue", r.overdue}};
        };
        array items;
        for (const auto& r : rows) {
          object o = row_json(r);
          o["unit"] = object{{"id", r.unit_id}, {"name", r.unit_name}};
          items.push_back(std::move(o));
        }
        return http::Response::json(object{{"year", *year},
                                           {"month", *month},
                                           {"items", std::move(items)},
                                           {"total", row_json(total)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/tasks/{id}",
      .summary = "A task with its source, cooperating units and history (reports, completion "
                 "evidence, reopening)",
      .tag = "tasks",
      .access = Access::kOfficial,
      .handler = [detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        return detail(ctx, id, 200);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/tasks/{id}/reports",
      .summary = "Report progress (percent, what was done, files) for the owner or a cooperating "
                 "unit",
      .tag = "tasks",
      .access = Access::kOfficial,
      .success_status = 201,
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto rep, read_report(body, false));
        TS_TRY(m.tasks().report(ctx.who(), ctx.actor(), id, std::move(rep)));
        return detail(ctx, id, 201);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/tasks/{id}/complete",
      .summary = "Report the task done (the owner unit), with the evidence: what was done and "
                 "files; needs its version",
      .tag = "tasks",
      .access = Access::kOfficial,
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto rep, read_report(body, true));
        json::FieldReader r(body);
        int64_t version = r.required_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_TRY(m.tasks().complete(ctx.who(), ctx.actor(), id, version, std::move(rep)));
        return detail(ctx, id, 200);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/tasks/{id}/reopen",
      .summary = "Send a completed task back (leaders of the assigning unit): the evidence does "
                 "not satisfy; the deadline stays",
      .tag = "tasks",
      .access = Access::kOfficial,
      .handler = [&m, detail](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        int64_t version = r.required_int("version", 1, INT64_MAX);
        std::string note = r.required_string("note", 4000);
        TS_TRY(r.finish());
        TS_TRY(m.tasks().reopen(ctx.who(), ctx.actor(), id, version, note));
        return detail(ctx, id, 200);
      },
  });
}

}  // namespace tinhso::documents
