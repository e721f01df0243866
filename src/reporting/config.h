// The reporting module's settings (section "reporting" of the configuration).
#pragma once

#include <span>
#include <string_view>

#include "core/config/section.h"

namespace tinhso::reporting {

struct ReportingConfig {
  static constexpr std::string_view kSection = "reporting";
  // Reporting units whose report is not sent are reminded (e-mail to their leaders) when this
  // many working days or fewer remain before the deadline, and once the day after it passes.
  int reminder_days_before = 2;
  // How often the reminder pass runs.
  int reminder_interval_seconds = 900;
};

std::span<const ConfigSection> config_sections();

}  // namespace tinhso::reporting
