#include "onestop/queues.h"

#include <fmt/format.h>

#include "core/base/text.h"
#include "core/identity/scope_sql.h"
#include "core/storage/query_builder.h"

namespace tinhso::onestop {
namespace {

using identity::Permission;

identity::UnitScope scope_for(const identity::Principal& who, const identity::Authorizer& authz,
                              std::initializer_list<Permission> perms) {
  std::vector<identity::Grant> grants;
  for (Permission p : perms) {
    auto g = authz.grants_for(who, p);
    grants.insert(grants.end(), g.begin(), g.end());
  }
  return identity::scope_of(grants);
}

const std::vector<std::string> kWorkStatuses = {"in_progress", "supplement_requested",
                                                "fees_requested", "suspended"};
const std::vector<std::string> kDeskStatuses = {"submitted", "done", "supplement_requested"};

// The WHERE clause of a queue (shared by the list and the counts).
void queue_conditions(storage::QueryBuilder& q, const identity::Principal& who,
                      const identity::Authorizer& authz, const std::string& queue,
                      const std::vector<std::string>& statuses) {
  std::vector<std::string> st = statuses;
  // Open queues say closed_at IS NULL (true of every work status) so that the partial indexes
  // in due-time order serve them.
  if (queue == "mine") {
    q.add("d.current_assignee_id = " + q.bind(who.id));
    if (st.empty()) {
      st = kWorkStatuses;
      q.add(" AND d.closed_at IS NULL");
    }
  } else if (queue == "desk") {
    q.add(identity::unit_scope_condition(q, "d.desk_unit_id",
                                         scope_for(who, authz, {Permission::kReceiveDossier})));
    if (st.empty()) st = kDeskStatuses;
  } else if (queue == "all") {
    q.add(identity::unit_scope_condition(q, "d.agency_unit_id",
                                         scope_for(who, authz, {Permission::kViewDossiers})));
    // Without a status filter "all" means every open dossier: the finished ones of a large
    // agency run to millions, and no index can order them by due time (ask by status instead).
    if (st.empty()) q.add(" AND d.closed_at IS NULL");
  } else {  // unit
    q.add(identity::unit_scope_condition(
        q, "d.current_unit_id",
        scope_for(who, authz,
                  {Permission::kHandleDossier, Permission::kApproveDossier,
                   Permission::kReceiveDossier})));
    if (st.empty()) {
      st = kWorkStatuses;
      q.add(" AND d.closed_at IS NULL");
    }
  }
  if (!st.empty()) {
    q.add(" AND d.status IN (");
    for (std::size_t i = 0; i < st.size(); ++i) q.add((i ? ", " : "") + q.bind(st[i]));
    q.add(")");
  }
}

}  // namespace

Result<std::vector<QueueRow>> list_queue(storage::Tx& tx, const identity::Principal& who,
                                         const identity::Authorizer& authz, const QueueQuery& qq,
                                         Instant now, Instant near_due_threshold) {
  // Sort key: the due time, or for dossiers without one (new online submissions) the
  // submission time, so that the oldest waiting dossier comes first.
  storage::QueryBuilder q(
      "SELECT d.id, d.code, p.name, d.applicant_name, d.status, d.channel, d.received_at, "
      "d.due_at, d.submitted_at, "
      "d.current_unit_id, d.current_assignee_id, d.current_step, d.version, COALESCE(d.due_at, "
      "d.submitted_at), "
      "d.paused_since FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE ");
  queue_conditions(q, who, authz, qq.queue, qq.statuses);
  if (qq.procedure_id) q.add(" AND d.procedure_id = " + q.bind(*qq.procedure_id));
  if (qq.channel) q.add(" AND d.channel = " + q.bind(*qq.channel));
  if (qq.agency_id) {
    q.add(" AND d.agency_unit_id IN (SELECT unit_id FROM unit_closure WHERE ancestor_id = " +
          q.bind(*qq.agency_id) + ")");
  }
  if (qq.received_from) q.add(" AND d.received_at >= " + q.bind(to_millis(*qq.received_from)));
  if (qq.received_to) q.add(" AND d.received_at < " + q.bind(to_millis(*qq.received_to)));
  if (qq.urgency == "overdue") {
    // A paused dossier's clock is stopped: it is not overdue while it waits for the applicant.
    q.add(" AND d.paused_since IS NULL AND d.due_at < " + q.bind(to_millis(now)));
  } else if (qq.urgency == "near_due") {
    q.add(" AND d.paused_since IS NULL AND d.due_at >= " + q.bind(to_millis(now)) +
          " AND d.due_at <= " + q.bind(to_millis(near_due_threshold)));
  }
  std::string text(text::trim(qq.text));
  if (!text.empty()) {
    bool code_like = std::all_of(text.begin(), text.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
    });
    if (code_like)
      q.add(" AND d.code LIKE " + q.bind(text + "%"));
    else
      q.add(" AND d.applicant_folded LIKE " + q.bind("%" + text::fold(text) + "%"));
  }
  if (qq.after) {
    std::string k = q.bind(qq.after->first);
    q.add(" AND (COALESCE(d.due_at, d.submitted_at) > " + k +
          " OR (COALESCE(d.due_at, d.submitted_at) = " + k + " AND d.id > " +
          q.bind(qq.after->second) + "))");
  }
  q.add(" ORDER BY COALESCE(d.due_at, d.submitted_at), d.id LIMIT " + q.bind(int64_t{qq.limit}));
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  std::vector<QueueRow> out;
  out.reserve(rows.size());
  for (auto r : rows) {
    QueueRow row;
    row.id = r.i64(0);
    row.code = r.str(1);
    row.procedure_name = r.str(2);
    row.applicant_name = r.str(3);
    row.status = r.str(4);
    row.channel = r.str(5);
    if (!r.is_null(6)) row.received_at = from_millis(r.i64(6));
    if (!r.is_null(7)) row.due_at = from_millis(r.i64(7));
    row.submitted_at = from_millis(r.i64(8));
    row.current_unit_id = r.opt_i64(9);
    row.current_assignee_id = r.opt_i64(10);
    row.current_step = r.i64(11);
    row.version = r.i64(12);
    row.sort_key = r.i64(13);
    row.paused = !r.is_null(14);
    out.push_back(std::move(row));
  }
  return out;
}

Result<QueueCounts> count_queue(storage::Tx& tx, const identity::Principal& who,
                                const identity::Authorizer& authz, const std::string& queue,
                                Instant now, Instant near_due_threshold) {
  storage::QueryBuilder q(
      "SELECT count(*), COALESCE(SUM(CASE WHEN d.paused_since IS NULL AND d.due_at < ");
  std::string n = q.bind(to_millis(now));
  q.add(n +
        " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN d.paused_since IS NULL AND d.due_at >= " +
        n + " AND d.due_at <= " + q.bind(to_millis(near_due_threshold)) +
        " THEN 1 ELSE 0 END), 0) FROM dossiers d WHERE ");
  queue_conditions(q, who, authz, queue, {});
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  QueueCounts c;
  c.total = rows.front().i64(0);
  c.overdue = rows.front().i64(1);
  c.near_due = rows.front().i64(2);
  return c;
}

}  // namespace tinhso::onestop
