// Routes: /api/v1/audit — who changed what, and whether the log is intact.
#include <boost/json.hpp>

#include "core/audit/api.h"
#include "core/audit/change_log.h"
#include "core/audit/checkpoints.h"
#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/identity/scope_sql.h"
#include "core/storage/query_builder.h"

namespace tinhso::audit {

void register_audit_routes(http::Router& router, Services& s) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/audit",
      .summary = "Audit entries, newest first (system administrators: all; unit administrators: "
                 "their units)",
      .tag = "audit",
      .access = Access::kOfficial,
      .query = {{"object_type", "e.g. unit, official, dossier"},
                {"object_id", "Object id"},
                {"action", "e.g. unit.update"},
                {"actor_id", "Official or applicant id", false, "integer"},
                {"limit", "Page size (1–200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kViewAudit));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request()));
        storage::QueryBuilder q(
            "SELECT id, at, actor_kind, actor_id, actor_name, role, unit_id, action, object_type, "
            "object_id, "
            "request_id, ip, change FROM audit_log WHERE ");
        auto scope =
            identity::scope_of(ctx.authorizer().grants_for(ctx.who(), identity::kViewAudit));
        q.add(identity::unit_scope_condition(q, "unit_id", scope));
        const auto& req = ctx.request();
        if (auto v = req.query_param("object_type"); v && !v->empty())
          q.add(" AND object_type = " + q.bind(std::string(*v)));
        if (auto v = req.query_param("object_id"); v && !v->empty())
          q.add(" AND object_id = " + q.bind(std::string(*v)));
        if (auto v = req.query_param("action"); v && !v->empty())
          q.add(" AND action = " + q.bind(std::string(*v)));
        TS_ASSIGN_OR_RETURN(auto actor, ctx.query_int("actor_id", 1, INT64_MAX));
        if (actor) q.add(" AND actor_id = " + q.bind(*actor));
        if (page.after) {
          if (auto* id = page.after->if_contains("id"); id && id->is_int64())
            q.add(" AND id < " + q.bind(id->as_int64()));
        }
        q.add(" ORDER BY id DESC LIMIT " + q.bind(int64_t{page.limit + 1}));
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) { return q.query(tx); }));
        boost::json::array items;
        std::optional<boost::json::object> next;
        int n = 0;
        for (auto r : rows) {
          if (n++ == page.limit) {
            next = boost::json::object{{"id", items.back().as_object().at("id")}};
            break;
          }
          auto change = json::parse(r.view(12));
          items.push_back(boost::json::object{
              {"id", r.i64(0)},
              {"at", format_rfc3339(from_millis(r.i64(1)))},
              {"actor",
               boost::json::object{{"kind", r.str(2)},
                                   {"id", r.is_null(3) ? boost::json::value(nullptr)
                                                       : boost::json::value(r.i64(3))},
                                   {"name", r.str(4)},
                                   {"role", r.str(5)},
                                   {"unit_id", r.is_null(6) ? boost::json::value(nullptr)
                                                            : boost::json::value(r.i64(6))}}},
              {"action", r.str(7)},
              {"object_type", r.str(8)},
              {"object_id", r.str(9)},
              {"request_id", r.str(10)},
              {"change", change.ok() ? *change : boost::json::value(nullptr)}});
        }
        return http::Response::json(http::page_json(std::move(items), next));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/audit/verify",
      .summary = "Recompute every audit chain (keyed links) and check it against the signed "
                 "checkpoints kept in the database; report the first broken link. The copies "
                 "of the checkpoints kept elsewhere are checked by `tinhso audit verify`",
      .tag = "audit",
      .access = Access::kOfficial,
      .deadline = std::chrono::seconds(300),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        VerifyOptions options;
        options.key = s.changes.key();
        TS_ASSIGN_OR_RETURN(auto lines, s.db.read([](storage::Tx& tx) {
          return tx.query("SELECT line FROM audit_checkpoints ORDER BY id");
        }));
        if (const CheckpointKey* key = s.changes.checkpoint_key()) {
          for (auto row : lines) {
            auto cps = read_checkpoints(row.view(0), *key);
            if (!cps.ok()) return Error(409, "audit.checkpoint_invalid", cps.error().message());
            for (auto& c : *cps)
              options.checkpoints.emplace_back(format_rfc3339(from_millis(c.at_ms)),
                                               std::move(c.chains));
          }
        }
        TS_ASSIGN_OR_RETURN(auto report, verify(s.db, options));
        boost::json::object o{{"ok", report.ok},
                              {"entries_checked", report.entries_checked},
                              {"legacy_entries", report.legacy_entries},
                              {"checkpoints_checked", report.checkpoints_checked}};
        if (!report.ok) {
          o["broken"] = boost::json::object{{"chain", report.chain},
                                            {"seq", report.seq},
                                            {"audit_id", report.audit_id},
                                            {"reason", report.reason}};
        }
        return http::Response::json(o);
      },
  });
}

}  // namespace tinhso::audit
