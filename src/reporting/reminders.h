// Reminders to reporting units whose report is not sent: when the deadline is a few working
// days away (ReportingConfig::reminder_days_before) and once after it has passed (until the
// period locks). Each (regime, period, unit, kind) is reminded once, whatever the number of
// passes or nodes (reporting_reminders); an e-mail goes to each of the unit's leaders — those
// who send reports — and an SMS to those with a phone number when an SMS gateway is configured,
// through the outbox; the reminder is in the audit log. A unit none of whose leaders the
// configured channels reach is not recorded as reminded (a later pass reminds it once someone
// has an address) and is logged as a warning. A pass is one transaction per regime,
// so that a province's thousands of units do not make one long transaction, and a regime that
// fails does not hold the others back.
#pragma once

#include <string>

#include "core/audit/change_log.h"
#include "core/calendar/working_calendar.h"
#include "core/identity/org_tree.h"

namespace tinhso::reporting {

struct ReminderOptions {
  int days_before = 2;
  bool email = false;      // an SMTP server is configured
  bool sms = false;        // an SMS gateway is configured
  std::string public_url;  // links in the e-mails
};

// One pass at the clock's time: each active regime in its own transaction; returns how many
// units were reminded. A regime that fails is logged and the others still go; the first
// failure is returned after them.
Result<int> send_reminders(storage::Database& db, audit::ChangeLog& changes,
                           const identity::OrgTree& org, const calendar::WorkingCalendar& cal,
                           const ReminderOptions& options);

// One regime's reminders at the transaction's time; returns how many units were reminded.
Result<int> send_regime_reminders(audit::ChangeTx& tx, int64_t regime_id,
                                  const identity::OrgTree& org,
                                  const calendar::WorkingCalendar& cal,
                                  const ReminderOptions& options);

}  // namespace tinhso::reporting
