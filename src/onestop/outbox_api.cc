// Routes: /api/v1/outbox/… — delivery settings (without credentials), messages by status and
// sending a failed one again.
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <vector>

#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/storage/keyset.h"
#include "onestop/access.h"
#include "onestop/config.h"
#include "onestop/module.h"
#include "onestop/routes.h"

namespace tinhso::onestop {

using boost::json::array;
using boost::json::object;

namespace {

// An endpoint as administrators may see it: scheme, host, port and path, never credentials.
boost::json::value endpoint_json(const std::string& url) {
  if (url.empty()) return nullptr;
  auto u = boost::urls::parse_uri(url);
  if (!u) return "(địa chỉ không hợp lệ)";
  std::string shown = std::string(u->scheme()) + "://" + std::string(u->encoded_host_and_port()) +
                      std::string(u->encoded_path());
  return boost::json::value(shown);
}

}  // namespace

void register_outbox_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/outbox/settings",
      .summary = "How notifications and synchronisation are configured (endpoints without "
                 "credentials, retry policy); they are set in the configuration file",
      .tag = "operations",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_outbox(ctx.who(), ctx.authorizer())));
        const auto& n = s.config.notify;
        const auto& p = s.config.section<NationalPortalConfig>();
        return http::Response::json(
            object{{"email", object{{"endpoint", endpoint_json(n.smtp_url)},
                                    {"from", n.smtp_from},
                                    {"authenticated", !n.smtp_user.empty()}}},
                   {"sms", object{{"endpoint", endpoint_json(n.sms_webhook_url)},
                                  {"token_set", !n.sms_webhook_token.empty()}}},
                   {"national_portal", object{{"endpoint", endpoint_json(p.sync_url)},
                                              {"system_code", p.system_code},
                                              {"token_set", !p.token.empty()}}},
                   {"max_attempts", n.max_attempts},
                   {"retry_base_seconds", n.retry_base_seconds}});
      },
  });
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/outbox",
      .summary = "Messages to other systems (e-mail, SMS, national portal) by status: pending | "
                 "sent | dead",
      .tag = "operations",
      .access = Access::kOfficial,
      .query = {{"status", "pending | sent | dead", true},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"},
                {"before_id", "Deprecated (use cursor): ids below this", false, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_outbox(ctx.who(), ctx.authorizer())));
        auto status = ctx.request().query_param("status").value_or("dead");
        if (status != "pending" && status != "sent" && status != "dead")
          return Error::validation("status", "Trạng thái không hợp lệ (pending, sent, dead).");
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 100, 200));
        TS_ASSIGN_OR_RETURN(auto after, http::key_after(page));
        // Deprecated: `before_id=N` (kept for one release) is the cursor after id N.
        TS_ASSIGN_OR_RETURN(auto before, ctx.query_int("before_id", 1, INT64_MAX));
        if (after) before = after->id;
        TS_ASSIGN_OR_RETURN(auto entries, s.db.read([&](storage::Tx& tx) {
          return outbox::list(tx, status, page.limit + 1, before);
        }));
        array items;
        std::vector<storage::SortKey> keys;
        for (const auto& e : entries) {
          items.push_back(outbox::entry_json(e));
          keys.push_back({e.id, e.id});
        }
        return http::Response::json(http::keyed_page_json(std::move(items), keys, page.limit));
      },
  });
  router.add({
      .method = Method::kPost,
      .path = "/api/v1/outbox/{id}/resend",
      .summary = "Queue a dead or failed message for delivery again",
      .tag = "operations",
      .access = Access::kOfficial,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.use_grant(authorize_outbox(ctx.who(), ctx.authorizer())));
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(outbox::resend(s.changes, ctx.actor(), id));
        m.outbox().wake();
        return http::Response::no_content();
      },
  });
}

}  // namespace tinhso::onestop
