#include "reporting/config.h"

namespace tinhso::reporting {
namespace {

template <auto Member>
constexpr auto key = &config_member<ReportingConfig, Member>;

const ConfigKey kKeys[] = {
    {"reminder_days_before",
     "Reporting units whose report is not sent are reminded when this many working days or fewer "
     "remain before the deadline (and once after it passes).",
     key<&ReportingConfig::reminder_days_before>},
    {"reminder_interval_seconds", "How often the report reminder pass runs.",
     key<&ReportingConfig::reminder_interval_seconds>},
    {"national_url",
     "The Government's reporting information system: approved reports of national_forms are "
     "POSTed here (JSON, through the outbox); empty: none.",
     key<&ReportingConfig::national_url>},
    {"national_token", "Bearer token for national_url.", key<&ReportingConfig::national_token>},
    {"national_forms", "Form codes whose approved reports go to national_url, comma-separated.",
     key<&ReportingConfig::national_forms>},
};

Status validate(const std::any& section) {
  const auto& c = std::any_cast<const ReportingConfig&>(section);
  if (c.reminder_days_before < 0 || c.reminder_days_before > 30)
    return config_error("kiểm tra", "reporting.reminder_days_before", "từ 0 đến 30");
  if (c.reminder_interval_seconds < 1)
    return config_error("kiểm tra", "reporting.reminder_interval_seconds", "phải ≥ 1");
  if (!c.national_url.empty() && !c.national_url.starts_with("http://") &&
      !c.national_url.starts_with("https://"))
    return config_error("kiểm tra", "reporting.national_url", "cần địa chỉ http(s)://…");
  return ok_status();
}

const ConfigSection kSections[] = {
    {ReportingConfig::kSection, &config_defaults<ReportingConfig>, kKeys, &validate},
};

}  // namespace

std::span<const ConfigSection> config_sections() {
  return kSections;
}

}  // namespace tinhso::reporting
