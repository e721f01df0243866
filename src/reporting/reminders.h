// Reminders to reporting units whose report is not sent: when the deadline is a few working
// days away (ReportingConfig::reminder_days_before) and once after it has passed (until the
// period locks). Each (regime, period, unit, kind) is reminded once, whatever the number of
// passes or nodes (reporting_reminders); an e-mail goes to each of the unit's leaders — those
// who send reports — through the outbox, and the reminder is in the audit log.
#pragma once

#include <string>

#include "core/audit/change_log.h"
#include "core/calendar/working_calendar.h"
#include "core/identity/org_tree.h"

namespace tinhso::reporting {

struct ReminderOptions {
  int days_before = 2;
  bool email = false;      // an SMTP server is configured
  std::string public_url;  // links in the e-mails
};

// One pass at the transaction's time; returns how many units were reminded.
Result<int> send_reminders(audit::ChangeTx& tx, const identity::OrgTree& org,
                           const calendar::WorkingCalendar& cal, const ReminderOptions& options);

}  // namespace tinhso::reporting
