// The timeline of a document (incoming or outgoing): every action on it — registration,
// assignment, comments with drafts, forwarding, completion, review, approval, issue, delivery
// and the statuses recipients report — is one event. record_event() is the one place document
// actions are written: the event row, its files and the audit entry, in the caller's change.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"

namespace tinhso::documents {

enum class Subject { kIncoming, kOutgoing };
std::string_view subject_name(Subject s);  // incoming | outgoing

struct Event {
  Subject subject = Subject::kIncoming;
  int64_t subject_id = 0;
  std::string_view action;  // register, assign, comment, forward, done, submit, approve, …
  std::optional<std::string> note;
  boost::json::object data;
  std::vector<int64_t> file_ids;  // already checked by the caller
};

// Writes the event and the audit entry "document.<subject>.<action>".
Status record_event(audit::ChangeTx& tx, const Event& e);

// The timeline, oldest first, with each event's label in Vietnamese and its files.
Result<boost::json::array> list_events(storage::Tx& tx, Subject subject, int64_t subject_id);

// True when `file_id` is attached to one of the subject's events.
Result<bool> event_has_file(storage::Tx& tx, Subject subject, int64_t subject_id, int64_t file_id);

}  // namespace tinhso::documents
