// Handling an incoming document: the leader assigns one lead (unit or person), cooperating and
// informed units or people, and a deadline in working days; assignees comment with drafts,
// forward within their unit and mark their part done; the lead's completion completes the
// document. Deadlines use the same working calendar and urgency rules as dossiers
// (core/workflow/deadline.h). A periodic pass reminds assignees by e-mail before the deadline.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/calendar/working_calendar.h"
#include "core/identity/org_tree.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"
#include "documents/incoming_lifecycle.h"

namespace tinhso::documents {

struct Assignee {
  int64_t unit_id = 0;
  std::optional<int64_t> official_id;
};

struct AssignInput {
  int64_t version = 0;
  Assignee lead;
  std::vector<Assignee> cooperate, inform;
  int deadline_days = 0;  // 0: the configured default
  std::optional<std::string> note;
};
Result<AssignInput> read_assign(const boost::json::value& v);

// The loaded state of an incoming document that handling needs.
struct IncomingState {
  int64_t id = 0;
  int64_t unit_id = 0;
  IncomingStatus status = IncomingStatus::kRegistered;
  int64_t version = 0;
  std::optional<int64_t> source_arrival_id;  // registered from an electronic arrival
};
Result<std::optional<IncomingState>> load_incoming_state(storage::Tx& tx, int64_t id);

// Checks `in` against the organisation (units exist, people belong to their unit, nobody
// twice) and records the assignment. `may_assign_to` says whether the assigning leader's
// authority covers a unit.
Status assign(audit::ChangeTx& tx, const calendar::WorkingCalendar& cal,
              const identity::OrgTree& org, const std::function<bool(int64_t)>& may_assign_to,
              int64_t document_id, const AssignInput& in);

struct AssignmentState {
  int64_t id = 0;
  int64_t document_id = 0;
  AssignmentRole role = AssignmentRole::kLead;
  int64_t unit_id = 0;
  std::optional<int64_t> official_id;
  AssignmentStatus status = AssignmentStatus::kOpen;
  std::optional<int64_t> due_at;
};
Result<std::optional<AssignmentState>> load_assignment(storage::Tx& tx, int64_t id);

// Forwards or completes an assignment after act_on_assignment allowed it (the caller checks
// who acts: authorize_assignment).
Status forward(audit::ChangeTx& tx, const identity::OrgTree& org, const AssignmentState& a,
               int64_t official_id, std::optional<std::string> note);
Status complete(audit::ChangeTx& tx, const AssignmentState& a, std::optional<std::string> note,
                const std::vector<int64_t>& file_ids);

// The assignments of a document, each with its urgency or timeliness, for the leader's view.
Result<boost::json::array> list_assignments(storage::Tx& tx, const calendar::WorkingCalendar& cal,
                                            Instant now, int64_t warning_seconds,
                                            int64_t document_id);

// An assignee's work: open (or done) assignments of a person, or of the units given.
struct WorkQuery {
  int64_t official_id = 0;
  std::vector<int64_t> unit_ids;  // the person's units (unit-wide assignments)
  std::string status = "open";    // open | done | overdue | near_due
  int limit = 50;
  std::optional<storage::SortKey> after;  // paging: the key of the last row seen
};
// Open work soonest due first (undated last), done work newest first; each row's key is
// (due or done ms, assignment id).
Result<storage::Keyed<boost::json::value>> list_work(storage::Tx& tx,
                                                     const calendar::WorkingCalendar& cal,
                                                     Instant now, int64_t warning_seconds,
                                                     const WorkQuery& q);

// Enqueues one reminder per open assignment that comes within `warning_seconds` of working
// time of its deadline (e-mail to the person, else to the unit). Returns how many.
Result<int> send_reminders(audit::ChangeTx& tx, const calendar::WorkingCalendar& cal,
                           int64_t warning_seconds, bool email_enabled);

}  // namespace tinhso::documents
