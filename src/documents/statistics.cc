#include "documents/statistics.h"

#include <map>

namespace tinhso::documents {

Result<std::vector<DocumentStatsRow>> document_stats(storage::Tx& tx, const identity::OrgTree& org,
                                                     int64_t unit_id, Date from, Date to,
                                                     Instant now) {
  int64_t start = to_millis(local_instant(from, 0));
  int64_t end = to_millis(local_instant(add_days(to, 1), 0));
  // Overdue is judged at the period's end, or now for a period in progress; the period's own
  // bounds stay fixed so that work handled a moment ago always counts.
  int64_t overdue_at = std::min(end, to_millis(now));
  std::map<int64_t, DocumentStatsRow> by_unit;
  auto row = [&](int64_t unit) -> DocumentStatsRow& {
    auto& r = by_unit[unit];
    r.unit_id = unit;
    return r;
  };

  // Incoming: channel, and whether an electronic one came from outside this installation
  // (its issuer code is none of our units').
  TS_ASSIGN_OR_RETURN(
      auto incoming,
      tx.query(
          "SELECT d.unit_id, COUNT(*), SUM(CASE WHEN d.channel = 'electronic' THEN 1 ELSE 0 "
          "END), SUM(CASE WHEN d.channel = 'electronic' AND d.issuer_code IS NOT NULL AND "
          "NOT EXISTS (SELECT 1 FROM units u WHERE u.code = d.issuer_code) THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN d.completed_at >= $1 AND d.completed_at < $2 AND d.completed_at <= "
          "d.due_at THEN 1 ELSE 0 END), SUM(CASE WHEN d.completed_at >= $1 AND "
          "d.completed_at < $2 AND d.completed_at > d.due_at THEN 1 ELSE 0 END) FROM "
          "incoming_documents d WHERE d.received_at >= $1 AND d.received_at < $2 GROUP BY "
          "d.unit_id",
          {start, end}));
  for (auto r : incoming) {
    auto& s = row(r.i64(0));
    s.incoming = r.i64(1);
    s.incoming_electronic = r.i64(2);
    s.incoming_from_outside = r.i64(3);
    s.handled_on_time = r.i64(4);
    s.handled_late = r.i64(5);
  }
  // Work still open at the period's end whose deadline had passed, whenever it arrived.
  TS_ASSIGN_OR_RETURN(auto overdue,
                      tx.query("SELECT unit_id, COUNT(*) FROM incoming_documents WHERE due_at < "
                               "$1 AND received_at < $2 AND (completed_at IS NULL OR completed_at "
                               ">= $2) GROUP BY unit_id",
                               {overdue_at, end}));
  for (auto r : overdue) row(r.i64(0)).open_overdue = r.i64(1);

  // Outgoing: issued in the period; signed when the agency's signature is on its main file;
  // electronic when it went to at least one recipient and none is left unsent or failed.
  TS_ASSIGN_OR_RETURN(
      auto outgoing,
      tx.query("SELECT d.unit_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
               "outgoing_document_files f JOIN file_signatures s ON s.file_id = f.file_id WHERE "
               "f.document_id = d.id AND f.kind = 'main' AND s.kind = 'agency') THEN 1 ELSE 0 "
               "END), SUM(CASE WHEN EXISTS (SELECT 1 FROM outgoing_recipients r WHERE "
               "r.document_id = d.id) AND NOT EXISTS (SELECT 1 FROM outgoing_recipients r WHERE "
               "r.document_id = d.id AND r.status IN ('pending', 'failed')) THEN 1 ELSE 0 END) "
               "FROM outgoing_documents d WHERE d.status = 'issued' AND d.issued_at >= $1 AND "
               "d.issued_at < $2 GROUP BY d.unit_id",
               {start, end}));
  for (auto r : outgoing) {
    auto& s = row(r.i64(0));
    s.outgoing = r.i64(1);
    s.outgoing_signed = r.i64(2);
    s.outgoing_electronic = r.i64(3);
  }

  std::vector<DocumentStatsRow> out;
  for (auto& [id, r] : by_unit) {
    const auto* u = org.find(id);
    if (u == nullptr || !org.within(id, unit_id)) continue;
    r.unit_name = u->name;
    out.push_back(std::move(r));
  }
  return out;
}

DocumentStatsReport make_report(Date from, Date to, std::vector<DocumentStatsRow> rows) {
  DocumentStatsReport r{from, to, std::move(rows), {}};
  DocumentStatsRow& t = r.total;
  for (const auto& row : r.rows) {
    t.incoming += row.incoming;
    t.incoming_electronic += row.incoming_electronic;
    t.incoming_from_outside += row.incoming_from_outside;
    t.outgoing += row.outgoing;
    t.outgoing_signed += row.outgoing_signed;
    t.outgoing_electronic += row.outgoing_electronic;
    t.handled_on_time += row.handled_on_time;
    t.handled_late += row.handled_late;
    t.open_overdue += row.open_overdue;
  }
  return r;
}

}  // namespace tinhso::documents
