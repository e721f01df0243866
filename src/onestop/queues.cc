#include "onestop/queues.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/text.h"
#include "core/identity/scope_sql.h"
#include "core/storage/query_builder.h"
#include "onestop/permissions.h"

namespace tinhso::onestop {
namespace {

// The order of every work queue: due time first for dated dossiers; undated ones (waiting for
// reception) before all of them, by submission time. The offset (about 31,000 years in
// milliseconds) puts every submission time below every due time; migration 0016's indexes use
// the same expression, so the order is read from them.
constexpr std::string_view kQueueSortKey = "COALESCE(d.due_at, d.submitted_at - 1000000000000000)";

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

constexpr std::initializer_list<Permission> kUnitQueuePermissions = {
    onestop::kHandleDossier, onestop::kApproveDossier, onestop::kReceiveDossier};

const std::vector<std::string> kWorkStatuses = {"in_progress", "supplement_requested",
                                                "fees_requested", "suspended"};
const std::vector<std::string> kDeskStatuses = {"submitted", "done", "supplement_requested"};

// The WHERE clause of a queue (shared by the list and the counts). `only_unit`, one unit of
// the scope, replaces the scope's condition (see split_units).
void queue_conditions(storage::QueryBuilder& q, const identity::Principal& who,
                      const identity::Authorizer& authz, const std::string& queue,
                      const std::vector<std::string>& statuses,
                      std::optional<int64_t> only_unit = std::nullopt) {
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
    // Dossiers wait at the desk that received them, results at the desk that returns them
    // (since approval their current unit: the result point the applicant chose, else the
    // receiving desk).
    auto scope = scope_for(who, authz, {onestop::kReceiveDossier});
    if (st.empty()) st = kDeskStatuses;
    std::vector<std::string> received;
    bool results = false;
    for (const auto& s : st) {
      if (s == "done")
        results = true;
      else
        received.push_back(s);
    }
    q.add("(");
    if (!received.empty()) {
      q.add("(" + identity::unit_scope_condition(q, "d.desk_unit_id", scope) +
            " AND d.status IN (");
      for (std::size_t i = 0; i < received.size(); ++i)
        q.add((i ? ", " : "") + q.bind(received[i]));
      q.add("))");
    }
    if (results) {
      q.add(std::string(received.empty() ? "" : " OR ") + "(" +
            identity::unit_scope_condition(q, "d.current_unit_id", scope) +
            " AND d.status = 'done')");
    }
    q.add(")");
    return;
  } else if (queue == "all") {
    q.add(only_unit ? "d.agency_unit_id = " + q.bind(*only_unit)
                    : identity::unit_scope_condition(
                          q, "d.agency_unit_id", scope_for(who, authz, {onestop::kViewDossiers})));
    // Without a status filter "all" means every open dossier: the finished ones of a large
    // agency run to millions, and no index can order them by due time (ask by status instead).
    if (st.empty()) q.add(" AND d.closed_at IS NULL");
  } else {  // unit
    q.add(only_unit ? "d.current_unit_id = " + q.bind(*only_unit)
                    : identity::unit_scope_condition(q, "d.current_unit_id",
                                                     scope_for(who, authz, kUnitQueuePermissions)));
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

// The units of a scope of several units, when a queue is better read one unit at a time.
// An index on (unit, due time) gives one unit's dossiers in due-time order, but no index gives
// that order across a list of units: the database would read and sort every open dossier of
// the scope (hundreds of thousands for a department leader, all of them for an administrator)
// to show 50. Reading the first 50 of each unit and merging them costs one index seek per unit.
// On SQLite a seek is a few microseconds; a PostgreSQL round trip costs more, so there long
// lists stay one query.
std::optional<std::vector<int64_t>> split_units(storage::Tx& tx, const identity::Principal& who,
                                                const identity::Authorizer& authz,
                                                const std::string& queue) {
  constexpr std::size_t kMaxRoundTrips = 32;
  identity::UnitScope scope;
  if (queue == "all")
    scope = scope_for(who, authz, {onestop::kViewDossiers});
  else if (queue == "unit")
    scope = scope_for(who, authz, kUnitQueuePermissions);
  else
    return std::nullopt;
  auto org = authz.org().get();
  std::vector<int64_t> units;
  std::vector<int64_t> pending = scope.everywhere ? org->roots() : scope.subtrees;
  if (!scope.everywhere) units = scope.units;
  while (!pending.empty()) {
    int64_t u = pending.back();
    pending.pop_back();
    units.push_back(u);
    for (int64_t c : org->children(u)) pending.push_back(c);
  }
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  if (units.size() < 2) return std::nullopt;
  if (tx.is_postgres() && units.size() > kMaxRoundTrips) return std::nullopt;
  return units;
}

Result<std::vector<QueueRow>> read_queue(storage::Tx& tx, const identity::Principal& who,
                                         const identity::Authorizer& authz, const QueueQuery& qq,
                                         Instant now, Instant near_due_threshold,
                                         std::optional<int64_t> only_unit) {
  // Sort key: the due time; dossiers without one (new online submissions, waiting for the
  // desk to receive them) come before every dated one, oldest first — kQueueSortKey.
  storage::QueryBuilder q(
      "SELECT d.id, d.code, p.name, d.applicant_name, d.status, d.channel, d.received_at, "
      "d.due_at, d.submitted_at, d.current_unit_id, d.current_assignee_id, d.current_step, "
      "d.version, " +
      std::string(kQueueSortKey) +
      ", d.paused_since FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE ");
  queue_conditions(q, who, authz, qq.queue, qq.statuses, only_unit);
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
    q.add(" AND (" + std::string(kQueueSortKey) + " > " + k + " OR (" + std::string(kQueueSortKey) +
          " = " + k + " AND d.id > " + q.bind(qq.after->second) + "))");
  }
  q.add(" ORDER BY " + std::string(kQueueSortKey) + ", d.id LIMIT " + q.bind(int64_t{qq.limit}));
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

}  // namespace

Result<std::vector<QueueRow>> list_queue(storage::Tx& tx, const identity::Principal& who,
                                         const identity::Authorizer& authz, const QueueQuery& qq,
                                         Instant now, Instant near_due_threshold) {
  auto units = split_units(tx, who, authz, qq.queue);
  if (!units) return read_queue(tx, who, authz, qq, now, near_due_threshold, std::nullopt);
  std::vector<QueueRow> all;
  for (int64_t u : *units) {
    TS_ASSIGN_OR_RETURN(auto rows, read_queue(tx, who, authz, qq, now, near_due_threshold, u));
    for (auto& r : rows) all.push_back(std::move(r));
  }
  auto order = [](const QueueRow& a, const QueueRow& b) {
    return std::pair{a.sort_key, a.id} < std::pair{b.sort_key, b.id};
  };
  auto n = std::min(all.size(), static_cast<std::size_t>(std::max(0, qq.limit)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), order);
  all.resize(n);
  return all;
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
