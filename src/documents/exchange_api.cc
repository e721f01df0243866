// HTTP routes of the edXML exchange: the endpoint other installations (and the national axis)
// deliver to — authenticated by the message's own XML signature, not a session — and, for
// administrators, the messages received with their outcome and their raw content. They read the
// request and answer; Receiver (exchange/inbound.h) and ExchangeLogService decide.
#include <boost/json.hpp>

#include "core/http/context.h"
#include "core/http/pagination.h"
#include "documents/access.h"
#include "documents/config.h"
#include "documents/exchange/inbound.h"
#include "documents/exchange/received_log.h"
#include "documents/exchange/transport.h"
#include "documents/module.h"
#include "documents/routes.h"

namespace tinhso::documents {

void register_exchange_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
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
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        // A caller without access hears 403 whatever the parameters (the service checks again).
        TS_TRY(ctx.use_grant(authorize_exchange_log(ctx.who(), ctx.authorizer())));
        TS_ASSIGN_OR_RETURN(auto status,
                            exchange::read_received_status(ctx.request().query_param("status")));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(auto after, http::key_after(page));
        TS_ASSIGN_OR_RETURN(auto found,
                            m.exchange_log().list(ctx.who(), status, page.limit + 1, after));
        boost::json::array items;
        for (const auto& r : found.rows) items.push_back(exchange::received_json(r));
        return http::Response::json(
            http::keyed_page_json(std::move(items), found.keys, page.limit));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/exchange/received/{id}/raw",
      .summary = "A received edXML message as it arrived, for inspection (of a rejected one, "
                 "its beginning: X-Raw-Complete: false)",
      .tag = "exchange",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto raw, m.exchange_log().raw(ctx.who(), id));
        auto response = http::Response::file(
            std::move(raw.bytes), "application/xml",
            "edxml-" + std::to_string(id) + (raw.complete ? ".xml" : "-phan-dau.xml"), false);
        response.set_header("X-Raw-Complete", raw.complete ? "true" : "false");
        return response;
      },
  });
}

}  // namespace tinhso::documents
