// HTTP routes of the edXML exchange: the endpoint other installations (and the national axis)
// deliver to — authenticated by the message's own XML signature, not a session — and, for
// administrators, the messages received with their outcome and their raw content.
#include <boost/json.hpp>

#include "core/base/time.h"
#include "core/http/context.h"
#include "documents/config.h"
#include "documents/exchange/inbound.h"
#include "documents/exchange/transport.h"
#include "documents/module.h"
#include "documents/routes.h"

namespace tinhso::documents {

void register_exchange_routes(http::Router& router, Documents& m) {
  using boost::json::array;
  using boost::json::object;
  using http::Access;
  using http::Method;
  using identity::Permission;
  Services& s = m.services();

  router.add({
      .method = Method::kPost,
      .path = std::string(exchange::kReceivePath),
      .summary = "Receive an edXML message (QCVN 102:2016) — a document for one of our agencies "
                 "or a status of one we sent — signed with XML-DSig by the sending agency. "
                 "Idempotency-Key makes repeats harmless",
      .tag = "exchange",
      .access = Access::kPublic,
      .body_limit = static_cast<std::size_t>(s.config.section<ExchangeConfig>().max_message_mb)
                    << 20,
      .success_status = 201,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        std::optional<std::string> key;
        if (auto k = ctx.request().header("idempotency-key")) key = std::string(*k);
        TS_ASSIGN_OR_RETURN(auto r, m.receiver().receive(ctx.request().body, std::move(key),
                                                         ctx.request().client_ip));
        return http::Response::json(std::move(r.body), r.http_status);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/exchange/received",
      .summary = "edXML messages received, newest first, with their outcome (imported, "
                 "duplicate, rejected and why)",
      .tag = "exchange",
      .access = Access::kOfficial,
      .query = {{"status", "imported | duplicate | rejected; empty: all"},
                {"limit", "Page size (max 200)", false, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        std::string status(ctx.request().query_param("status").value_or(""));
        if (!status.empty() && status != "imported" && status != "duplicate" &&
            status != "rejected")
          return Error::validation("status",
                                   "Trạng thái không hợp lệ (imported, duplicate, rejected).");
        TS_ASSIGN_OR_RETURN(auto limit, ctx.query_int("limit", 1, 200));
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return tx.query(
              "SELECT id, kind, from_code, document_id, status, error_code, "
              "error_message, signer, sha256, size, remote_addr, received_at, raw_complete FROM "
              "exchange_received WHERE ($1 = '' OR status = $1) ORDER BY id DESC "
              "LIMIT $2",
              {status, limit.value_or(50)});
        }));
        array items;
        for (auto r : rows) {
          items.push_back(
              object{{"id", r.i64(0)},
                     {"kind", r.is_null(1) ? nullptr : boost::json::value(r.str(1))},
                     {"from_code", r.is_null(2) ? nullptr : boost::json::value(r.str(2))},
                     {"document_id", r.is_null(3) ? nullptr : boost::json::value(r.str(3))},
                     {"status", r.str(4)},
                     {"error_code", r.is_null(5) ? nullptr : boost::json::value(r.str(5))},
                     {"error_message", r.is_null(6) ? nullptr : boost::json::value(r.str(6))},
                     {"signer", r.is_null(7) ? nullptr : boost::json::value(r.str(7))},
                     {"sha256", r.str(8)},
                     {"size", r.i64(9)},
                     {"remote_addr", r.is_null(10) ? nullptr : boost::json::value(r.str(10))},
                     {"received_at", format_rfc3339(from_millis(r.i64(11)))},
                     {"raw_complete", r.i64(12) != 0}});
        }
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/exchange/received/{id}/raw",
      .summary = "A received edXML message as it arrived, for inspection (of a rejected one, "
                 "its beginning: X-Raw-Complete: false)",
      .tag = "exchange",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return tx.query("SELECT raw, raw_complete FROM exchange_received WHERE id = $1", {id});
        }));
        if (rows.empty()) return Error::not_found("Không tìm thấy gói tin.");
        bool complete = rows.front().i64(1) != 0;
        auto response = http::Response::file(
            rows.front().str(0), "application/xml",
            "edxml-" + std::to_string(id) + (complete ? ".xml" : "-phan-dau.xml"), false);
        response.set_header("X-Raw-Complete", complete ? "true" : "false");
        return response;
      },
  });
}

}  // namespace tinhso::documents
