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
};

Status validate(const std::any& section) {
  const auto& c = std::any_cast<const ReportingConfig&>(section);
  if (c.reminder_days_before < 0 || c.reminder_days_before > 30)
    return config_error("kiểm tra", "reporting.reminder_days_before", "từ 0 đến 30");
  if (c.reminder_interval_seconds < 1)
    return config_error("kiểm tra", "reporting.reminder_interval_seconds", "phải ≥ 1");
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
