#include "onestop/config.h"

namespace tinhso::onestop {
namespace {

template <auto Member>
constexpr auto onestop_key = &config_member<OneStopConfig, Member>;
template <auto Member>
constexpr auto payment_key = &config_member<PaymentConfig, Member>;
template <auto Member>
constexpr auto portal_key = &config_member<NationalPortalConfig, Member>;

const ConfigKey kOneStopKeys[] = {
    {"portal_content_file",
     "The portal's contacts, offices, news and frequently asked questions (JSON); empty: the "
     "demo province's.",
     onestop_key<&OneStopConfig::portal_content_file>},
    {"warning_hours", "Dossiers with less working time left than this are marked near due.",
     onestop_key<&OneStopConfig::warning_hours>},
    {"submissions_per_minute",
     "Online submissions accepted per minute from one client address; 0: no limit.",
     onestop_key<&OneStopConfig::submissions_per_minute>},
    {"reception_anywhere",
     "Any public service centre or one-stop desk of the province receives dossiers of any "
     "procedure of the province, regardless of administrative boundaries (Nghị định "
     "118/2025/NĐ-CP, Art. 14); false: each agency's dossiers only at its own desk.",
     onestop_key<&OneStopConfig::reception_anywhere>},
};

const ConfigKey kPaymentKeys[] = {
    {"provider",
     "Online payment of fees: empty (none), http (a gateway at payment.gateway_url) or demo "
     "(a built-in test gateway; the demo installation uses it when this is empty).",
     payment_key<&PaymentConfig::provider>},
    {"gateway_url", "The payment gateway's page applicants are sent to (http).",
     payment_key<&PaymentConfig::gateway_url>},
    {"refund_url", "The gateway's refund endpoint (http).",
     payment_key<&PaymentConfig::refund_url>},
    {"merchant_id", "Our merchant or service code at the gateway.",
     payment_key<&PaymentConfig::merchant_id>},
    {"secret",
     "Shared secret signing payment requests and the gateway's notifications (HMAC-SHA-256).",
     payment_key<&PaymentConfig::secret>},
};

const ConfigKey kNationalPortalKeys[] = {
    {"sync_url",
     "National public service portal: dossier synchronisation endpoint; empty disables.",
     portal_key<&NationalPortalConfig::sync_url>},
    {"token", "Bearer token for the national portal.", portal_key<&NationalPortalConfig::token>},
    {"system_code", "This system's code at the national portal.",
     portal_key<&NationalPortalConfig::system_code>},
};

Status validate_onestop(const std::any& section) {
  const auto& c = std::any_cast<const OneStopConfig&>(section);
  if (c.warning_hours < 0) return config_error("kiểm tra", "onestop.warning_hours", "≥ 0");
  if (c.submissions_per_minute < 0)
    return config_error("kiểm tra", "onestop.submissions_per_minute", "≥ 0 (0: không giới hạn)");
  return ok_status();
}

Status validate_payment(const std::any& section) {
  const auto& c = std::any_cast<const PaymentConfig&>(section);
  if (!c.provider.empty() && c.provider != "http" && c.provider != "demo")
    return config_error("kiểm tra", "payment.provider", "để trống, http hoặc demo");
  if (c.provider == "http" &&
      (c.gateway_url.empty() || c.refund_url.empty() || c.secret.size() < 16))
    return config_error("kiểm tra", "payment.*",
                        "cổng http cần gateway_url, refund_url và secret (ít nhất 16 ký tự)");
  return ok_status();
}

const ConfigSection kSections[] = {
    {NationalPortalConfig::kSection, &config_defaults<NationalPortalConfig>, kNationalPortalKeys,
     nullptr},
    {OneStopConfig::kSection, &config_defaults<OneStopConfig>, kOneStopKeys, &validate_onestop},
    {PaymentConfig::kSection, &config_defaults<PaymentConfig>, kPaymentKeys, &validate_payment},
};

}  // namespace

std::span<const ConfigSection> config_sections() {
  return kSections;
}

}  // namespace tinhso::onestop
