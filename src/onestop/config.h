// The one-stop module's settings: [onestop], [payment] and [national_portal], declared here and
// loaded by core's key table (core/config/section.h).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/config/section.h"

namespace tinhso::onestop {

struct OneStopConfig {
  static constexpr std::string_view kSection = "onestop";
  // A dossier is "near due" when less working time than this remains.
  int warning_hours = 8;
  // Submissions from one client address per minute (online submission spam guard).
  int submissions_per_minute = 30;
  // The portal's contacts, offices, news and questions (JSON, onestop/portal_content.h);
  // empty: the demo province's.
  std::string portal_content_file;
  // Any reception point of the province receives any procedure of the province (Nghị định
  // 118/2025/NĐ-CP, Art. 14(2), to verify); false: each agency's dossiers only at its own desk.
  bool reception_anywhere = true;
};

// Online payment of fees through a payment gateway (onestop/payments.h): the national payment
// platform or a bank, or "demo", a built-in gateway for the demo installation.
struct PaymentConfig {
  static constexpr std::string_view kSection = "payment";
  std::string provider;     // "" (no online payment) | http | demo
  std::string gateway_url;  // where applicants are sent to pay (http)
  std::string refund_url;   // where refunds are requested (http)
  std::string merchant_id;  // our identity at the gateway
  std::string secret;       // shared HMAC-SHA-256 secret signing requests and notifications
};

// Synchronisation of dossiers with the National Public Service Portal (onestop/national_sync.h).
struct NationalPortalConfig {
  static constexpr std::string_view kSection = "national_portal";
  std::string sync_url;  // empty: synchronisation off
  std::string token;
  std::string system_code = "TINHSO";
};

// The three sections, in the order the sample file shows them.
std::span<const ConfigSection> config_sections();

}  // namespace tinhso::onestop
