// How an edXML message reaches another agency: directly to another tinhso installation named
// by exchange.routes (POST <base>/api/v1/exchange/edxml), or through the national document
// axis (exchange.axis_url) for every other agency. Both are HTTP POSTs of the signed message;
// the answer decides what the outbox does next: delivered, retry later, or give up.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.h"
#include "core/outbox/outbox.h"
#include "documents/config.h"

namespace tinhso::documents::exchange {

struct Destination {
  std::string url;
  bool axis = false;  // the national axis rather than a known installation
};

// The destination of `agency_code`: the most specific route (exact code, then the longest
// matching ".suffix"), else the axis; nullopt when neither exists.
std::optional<Destination> resolve(const ExchangeConfig& config, std::string_view agency_code);

// The path peers receive on.
inline constexpr std::string_view kReceivePath = "/api/v1/exchange/edxml";

// Sends `xml`. 2xx is delivered; 4xx (the recipient refused the content) is permanent and
// carries the recipient's Vietnamese message; anything else is retried.
outbox::Delivery send(const ExchangeConfig& config, const Destination& to,
                      std::string_view from_code, std::string_view to_code, const std::string& xml,
                      const std::string& key);

}  // namespace tinhso::documents::exchange
