#include "documents/config.h"

#include "core/base/crypto.h"

namespace tinhso::documents {
namespace {

template <auto Member>
constexpr auto documents_key = &config_member<DocumentsConfig, Member>;
template <auto Member>
constexpr auto exchange_key = &config_member<ExchangeConfig, Member>;

const ConfigKey kDocumentsKeys[] = {
    {"reminder_hours", "Document assignees are reminded when less working time than this remains.",
     documents_key<&DocumentsConfig::reminder_hours>},
    {"reminder_interval_seconds", "How often the reminder pass runs.",
     documents_key<&DocumentsConfig::reminder_interval_seconds>},
    {"default_deadline_days",
     "Handling deadline of an incoming document when the leader sets none (working days).",
     documents_key<&DocumentsConfig::default_deadline_days>},
};

const ConfigKey kExchangeKeys[] = {
    {"routes",
     "Other installations reached directly by edXML: <agency code>=<URL> or <.suffix>=<URL>, "
     "comma-separated (\".H48=https://vanban.binhson.gov.vn\").",
     exchange_key<&ExchangeConfig::routes>},
    {"axis_url",
     "The national document axis: edXML for agencies no route names is POSTed here; empty: "
     "none.",
     exchange_key<&ExchangeConfig::axis_url>},
    {"axis_system_id", "Our system id on the national document axis.",
     exchange_key<&ExchangeConfig::axis_system_id>},
    {"axis_secret", "The secret that goes with it.", exchange_key<&ExchangeConfig::axis_secret>},
    {"max_message_mb", "Largest edXML message accepted, attachments included (MiB).",
     exchange_key<&ExchangeConfig::max_message_mb>},
    {"sender_certificates",
     "Certificates that sign edXML for agencies whose certificate does not name the agency "
     "code: <agency code or .suffix>=<SHA-256 fingerprint>, comma-separated.",
     exchange_key<&ExchangeConfig::sender_certificates>},
    {"rejected_per_minute",
     "Rejected edXML messages a sender address may cause per minute before it is refused for "
     "a while (429); 0: no limit.",
     exchange_key<&ExchangeConfig::rejected_per_minute>},
    {"rejected_keep_kb",
     "How much of a rejected edXML message is kept for inspection (KiB); its hash and size "
     "always are.",
     exchange_key<&ExchangeConfig::rejected_keep_kb>},
};

Status validate_documents(const std::any& section) {
  const auto& c = std::any_cast<const DocumentsConfig&>(section);
  auto bad = [](std::string_view key, std::string_view problem) {
    return config_error("kiểm tra", key, problem);
  };
  if (c.reminder_interval_seconds < 1)
    return bad("documents.reminder_interval_seconds", "phải ≥ 1");
  if (c.default_deadline_days < 1 || c.default_deadline_days > 365)
    return bad("documents.default_deadline_days", "từ 1 đến 365");
  return ok_status();
}

Status validate_exchange(const std::any& section) {
  const auto& c = std::any_cast<const ExchangeConfig&>(section);
  auto bad = [](std::string_view key, std::string_view problem) {
    return config_error("kiểm tra", key, problem);
  };
  for (const auto& r : c.routes) {
    auto eq = r.find('=');
    if (eq == std::string::npos || eq == 0 ||
        !(r.compare(eq + 1, 7, "http://") == 0 || r.compare(eq + 1, 8, "https://") == 0))
      return bad("exchange.routes", "cần dạng <mã cơ quan hoặc .hậu_tố>=<http(s)://…>");
  }
  if (c.max_message_mb < 1 || c.max_message_mb > 1024)
    return bad("exchange.max_message_mb", "từ 1 đến 1024");
  for (const auto& pin : c.sender_certificates) {
    auto eq = pin.find('=');
    std::string hex;
    for (char ch : pin.substr(eq == std::string::npos ? pin.size() : eq + 1))
      if (ch != ':') hex += ch;
    std::string bytes;
    if (eq == std::string::npos || eq == 0 || hex.size() != 64 || !crypto::hex_decode(hex, bytes))
      return bad("exchange.sender_certificates",
                 "cần dạng <mã cơ quan hoặc .hậu_tố>=<dấu vân tay SHA-256, 64 ký tự hex>");
  }
  if (c.rejected_per_minute < 0) return bad("exchange.rejected_per_minute", "≥ 0");
  if (c.rejected_keep_kb < 0 || c.rejected_keep_kb > 1 << 20)
    return bad("exchange.rejected_keep_kb", "từ 0 đến 1048576");
  return ok_status();
}

const ConfigSection kSections[] = {
    {DocumentsConfig::kSection, &config_defaults<DocumentsConfig>, kDocumentsKeys,
     &validate_documents},
    {ExchangeConfig::kSection, &config_defaults<ExchangeConfig>, kExchangeKeys, &validate_exchange},
};

}  // namespace

std::span<const ConfigSection> config_sections() {
  return kSections;
}

}  // namespace tinhso::documents
