// Work queues and dossier lists for officials: my dossiers, my unit's, the desk's, and every
// dossier of the agencies in scope, sorted by due time, filtered, paginated by cursor; and the
// counts (total, near due, overdue) shown next to them.
#pragma once

#include <optional>
#include <string>

#include "core/identity/authorizer.h"
#include "onestop/service.h"

namespace tinhso::onestop {

struct QueueQuery {
  std::string queue = "unit";  // mine | unit | desk | all
  std::vector<std::string> statuses;
  std::optional<int64_t> procedure_id;
  std::optional<std::string> channel;
  std::optional<std::string> urgency;  // near_due | overdue
  std::optional<int64_t> agency_id;
  std::optional<Instant> received_from, received_to;
  std::string text;  // dossier code or applicant
  int limit = 50;
  std::optional<std::pair<int64_t, int64_t>> after;  // (sort key, id)
};

struct QueueRow {
  int64_t id = 0;
  std::string code, procedure_name, applicant_name, status, channel;
  std::optional<Instant> received_at, due_at, submitted_at;
  std::optional<int64_t> current_unit_id, current_assignee_id;
  int64_t current_step = 0;
  int64_t version = 0;
  int64_t sort_key = 0;
  bool paused = false;
};

Result<std::vector<QueueRow>> list_queue(storage::Tx& tx, const identity::Principal& who,
                                         const identity::Authorizer& authz, const QueueQuery& q,
                                         Instant now, Instant near_due_threshold);

struct QueueCounts {
  int64_t total = 0, near_due = 0, overdue = 0;
};
Result<QueueCounts> count_queue(storage::Tx& tx, const identity::Principal& who,
                                const identity::Authorizer& authz, const std::string& queue,
                                Instant now, Instant near_due_threshold);

}  // namespace tinhso::onestop
