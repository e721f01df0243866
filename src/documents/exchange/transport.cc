#include "documents/exchange/transport.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/net/outbound.h"

namespace tinhso::documents::exchange {

std::optional<Destination> resolve(const ExchangeConfig& config, std::string_view agency_code) {
  std::optional<Destination> best;
  std::size_t best_len = 0;
  for (const auto& route : config.routes) {
    auto eq = route.find('=');
    if (eq == std::string::npos) continue;
    std::string_view pattern(route.data(), eq);
    bool exact = pattern == agency_code;
    bool suffix = pattern.starts_with('.') && agency_code.ends_with(pattern);
    // An exact code beats any suffix; a longer suffix beats a shorter one.
    std::size_t len = exact ? SIZE_MAX : pattern.size();
    if ((exact || suffix) && (!best || len > best_len)) {
      std::string base = route.substr(eq + 1);
      while (!base.empty() && base.back() == '/') base.pop_back();
      best = Destination{base + std::string(kReceivePath), false};
      best_len = len;
    }
  }
  if (!best && !config.axis_url.empty()) best = Destination{config.axis_url, true};
  return best;
}

outbox::Delivery send(const ExchangeConfig& config, const Destination& to,
                      std::string_view from_code, std::string_view to_code, const std::string& xml,
                      const std::string& key) {
  std::vector<std::string> headers = {"Idempotency-Key: " + key,
                                      fmt::format("X-Edxml-From: {}", from_code),
                                      fmt::format("X-Edxml-To: {}", to_code)};
  if (to.axis) {
    headers.push_back("X-Axis-System-Id: " + config.axis_system_id);
    headers.push_back("X-Axis-Secret: " + config.axis_secret);
  }
  auto r = net::post(to.url, xml, "application/xml; charset=utf-8", headers, 60);
  outbox::Delivery d;
  if (r.status >= 200 && r.status < 300) {
    d.ok = true;
    return d;
  }
  if (r.status == 0) {
    d.error = "không kết nối được " + to.url + ": " + r.error;
    return d;
  }
  // A refusal explains itself (tinhso answers {"error":{"code","message"}}).
  std::string reason = fmt::format("HTTP {}", r.status);
  if (auto body = json::parse(r.body); body.ok() && body->is_object()) {
    if (const auto* e = body->as_object().if_contains("error"); e && e->is_object()) {
      const auto& eo = e->as_object();
      if (const auto* m = eo.if_contains("message"); m && m->is_string())
        reason += ": " + std::string(m->as_string());
      if (const auto* c = eo.if_contains("code"); c && c->is_string())
        reason += fmt::format(" ({})", std::string_view(c->as_string()));
    }
  }
  d.error = reason;
  d.permanent = r.refused();
  return d;
}

}  // namespace tinhso::documents::exchange
