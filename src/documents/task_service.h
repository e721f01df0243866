// TaskService: tasks given from leaders' directions — a task given, progress reported by the
// owner or a cooperating unit, completion with evidence, reopening by the assigning leader —
// and the tasks, lists and monthly figures as an official may see them. The routes
// (tasks_api.cc) read the request and call it; it authorises on the Principal without HTTP and
// writes through the change log, noting on each change the grant its check relied on.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "documents/access.h"
#include "documents/tasks.h"

namespace tinhso::documents {

class Documents;

// A progress report's or a completion's body; the note is required to complete.
Result<TaskReport> read_report(const boost::json::value& v, bool note_required);

class TaskService {
 public:
  explicit TaskService(Documents& m) : m_(m) {}

  // A task with its source, cooperating units and history, for those who read the registers of
  // its owner, a cooperating or the assigning unit.
  Result<boost::json::object> view(const identity::Principal& who, int64_t id);
  Result<storage::Keyed<boost::json::value>> list(const identity::Principal& who,
                                                  const TaskQuery& q);
  Result<std::vector<TaskMonthRow>> month_stats(const identity::Principal& who, int64_t unit_id,
                                                int year, int month);

  // Returns the new task's id.
  Result<int64_t> give(const identity::Principal& who, const audit::Actor& actor,
                       const TaskInput& in);
  Status report(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                TaskReport rep);
  Status complete(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                  int64_t version, TaskReport rep);
  Status reopen(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                int64_t version, const std::string& note);

 private:
  Result<AccessGrant> check_view(const identity::Principal& who, const TaskState& t) const;
  // Reports come from the owner or a cooperating unit: its leaders or its handlers.
  Result<AccessGrant> check_report(const identity::Principal& who, int64_t unit_id) const;

  Documents& m_;
};

}  // namespace tinhso::documents
