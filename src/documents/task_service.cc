#include "documents/task_service.h"

#include <algorithm>

#include "core/base/json.h"
#include "core/identity/actor_of.h"
#include "core/services.h"
#include "documents/module.h"
#include "documents/permissions.h"

namespace tinhso::documents {

namespace {

Result<TaskState> task_or_404(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto t, load_task_state(tx, id));
  if (!t) return Error::not_found("Không tìm thấy nhiệm vụ.");
  return std::move(*t);
}

}  // namespace

Result<TaskReport> read_report(const boost::json::value& v, bool note_required) {
  json::FieldReader r(v);
  TaskReport rep;
  rep.unit_id = r.optional_int("unit_id", 1, INT64_MAX).value_or(0);
  if (auto p = r.optional_int("progress", 0, 100)) rep.progress = static_cast<int>(*p);
  rep.note = note_required ? std::optional<std::string>(r.required_string("note", 4000))
                           : r.optional_string("note", 4000);
  rep.file_ids = r.optional_ids("file_ids", 20, "Mã tệp không hợp lệ.");
  TS_TRY(r.finish());
  return rep;
}

Result<AccessGrant> TaskService::check_view(const identity::Principal& who,
                                            const TaskState& t) const {
  const identity::Authorizer& authz = m_.services().authorizer;
  std::vector<int64_t> units{t.owner_unit_id, t.assigning_unit_id};
  units.insert(units.end(), t.cooperating_unit_ids.begin(), t.cooperating_unit_ids.end());
  for (int64_t u : units)
    if (auto g = authorize_register_view(who, authz, u); g.ok()) return g;
  return Error::forbidden("Ông/Bà không được xem nhiệm vụ này.");
}

Result<AccessGrant> TaskService::check_report(const identity::Principal& who,
                                              int64_t unit_id) const {
  const identity::Authorizer& authz = m_.services().authorizer;
  if (auto g = authz.check(who, kAssignDocument, unit_id); g.ok()) return AccessGrant(*g);
  TS_ASSIGN_OR_RETURN(auto g, authz.check(who, kHandleDocument, unit_id));
  return AccessGrant(g);
}

Result<boost::json::object> TaskService::view(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  TS_ASSIGN_OR_RETURN(auto t,
                      s.db.read([&](storage::Tx& tx) -> Result<std::optional<boost::json::object>> {
                        TS_ASSIGN_OR_RETURN(auto state, task_or_404(tx, id));
                        TS_TRY(check_view(who, state));
                        return find_task(tx, id, s.clock.now());
                      }));
  if (!t) return Error::not_found("Không tìm thấy nhiệm vụ.");
  return std::move(*t);
}

Result<storage::Keyed<boost::json::value>> TaskService::list(const identity::Principal& who,
                                                             const TaskQuery& q) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, q.unit_id));
  return s.db.read([&](storage::Tx& tx) { return list_tasks(tx, q, s.clock.now()); });
}

Result<std::vector<TaskMonthRow>> TaskService::month_stats(const identity::Principal& who,
                                                           int64_t unit_id, int year, int month) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, unit_id));
  auto org = s.org.get();
  return s.db.read([&](storage::Tx& tx) {
    return task_month_stats(tx, *org, unit_id, year, month, s.clock.now());
  });
}

Result<int64_t> TaskService::give(const identity::Principal& who, const audit::Actor& actor,
                                  const TaskInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    TS_TRY(identity::authorised_by(tx,
                                   s.authorizer.check(who, kAssignDocument, in.assigning_unit_id)));
    return create_task(tx, in);
  });
}

Status TaskService::report(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                           TaskReport rep) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto t, task_or_404(tx.sql(), id));
    if (rep.unit_id == 0) rep.unit_id = t.owner_unit_id;
    bool involved = rep.unit_id == t.owner_unit_id ||
                    std::find(t.cooperating_unit_ids.begin(), t.cooperating_unit_ids.end(),
                              rep.unit_id) != t.cooperating_unit_ids.end();
    if (!involved)
      return Error::validation("unit_id", "Đơn vị này không chủ trì hay phối hợp nhiệm vụ.");
    TS_TRY(identity::authorised_by(tx, check_report(who, rep.unit_id)));
    return report_progress(tx, m_.files(), t, rep);
  });
}

Status TaskService::complete(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                             int64_t version, TaskReport rep) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto t, task_or_404(tx.sql(), id));
    rep.unit_id = t.owner_unit_id;
    TS_TRY(identity::authorised_by(tx, check_report(who, t.owner_unit_id)));
    return complete_task(tx, m_.files(), t, version, rep);
  });
}

Status TaskService::reopen(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                           int64_t version, const std::string& note) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto t, task_or_404(tx.sql(), id));
    TS_TRY(
        identity::authorised_by(tx, s.authorizer.check(who, kAssignDocument, t.assigning_unit_id)));
    return reopen_task(tx, m_.files(), t, version, note);
  });
}

}  // namespace tinhso::documents
