// Route /api/v1/portal: what the portal's home, footer and help pages show — the centre's
// contacts, offices, news and questions (onestop/portal_content.h) and the procedures people
// use most, counted from the monthly statistics (cached for ten minutes: the home page is the
// most visited page, the count moves slowly).
#include <spdlog/spdlog.h>

#include <mutex>

#include "core/http/context.h"
#include "onestop/config.h"
#include "onestop/module.h"
#include "onestop/portal_content.h"
#include "onestop/routes.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;

constexpr auto kPopularFor = std::chrono::minutes(10);
constexpr int kPopularCount = 8;

struct Popular {
  std::mutex mu;
  std::optional<Instant> at;
  array items;
};

}  // namespace

void register_portal_routes(http::Router& router, OneStop& m) {
  Services& s = m.services();
  auto content = load_portal_content(s.config.section<OneStopConfig>().portal_content_file);
  if (!content.ok())
    spdlog::error("portal content {}: {}", s.config.section<OneStopConfig>().portal_content_file,
                  content.error().describe());
  auto popular = std::make_shared<Popular>();

  router.add({
      .method = http::Method::kGet,
      .path = "/api/v1/portal",
      .summary = "The portal's contacts, offices, news, frequently asked questions and most used "
                 "procedures",
      .tag = "catalog",
      .access = http::Access::kPublic,
      .handler = [&s, content, popular](http::Context&) -> Result<http::Response> {
        if (!content.ok())
          return Error(503, "portal.content_invalid",
                       "Nội dung trang chủ đang được cập nhật; vui lòng quay lại sau.");
        object o = *content;
        std::lock_guard lock(popular->mu);
        Instant now = s.clock.now();
        if (!popular->at || now - *popular->at > kPopularFor) {
          // The last twelve months, counted by month.
          Date from = add_days(local_date(now), -365);
          std::string since = format_iso_date(from).substr(0, 7);
          TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
            return popular_procedures(tx, since, kPopularCount);
          }));
          array items;
          for (const auto& [p, n] : rows) {
            object item = summary_json(p);
            item["dossiers"] = n;
            items.push_back(std::move(item));
          }
          popular->items = std::move(items);
          popular->at = now;
        }
        o["popular"] = popular->items;
        return http::Response::json(o);
      },
  });
}

}  // namespace tinhso::onestop
