// The reporting module's settings (section "reporting" of the configuration).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/section.h"

namespace tinhso::reporting {

struct ReportingConfig {
  static constexpr std::string_view kSection = "reporting";
  // Reporting units whose report is not sent are reminded (e-mail to their leaders) when this
  // many working days or fewer remain before the deadline, and once the day after it passes.
  int reminder_days_before = 2;
  // How often the reminder pass runs.
  int reminder_interval_seconds = 900;
  // The Government's reporting information system (national.h): approved reports of these
  // forms are sent there through the outbox; an empty URL sends nothing.
  std::string national_url;
  std::string national_token;
  std::vector<std::string> national_forms = {"06/VPCP/KSTT"};
};

std::span<const ConfigSection> config_sections();

}  // namespace tinhso::reporting
