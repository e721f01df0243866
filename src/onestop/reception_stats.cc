#include "onestop/reception_stats.h"

#include <algorithm>
#include <functional>
#include <map>

#include "core/storage/query_builder.h"
#include "onestop/reception.h"

namespace tinhso::onestop {
namespace {

// The units of the subtree in tree order (parents before children, siblings as the tree keeps
// them): the rows' order.
void tree_order(const identity::OrgTree& org, int64_t unit, std::map<int64_t, std::size_t>& out) {
  out.emplace(unit, out.size());
  for (int64_t child : org.children(unit)) tree_order(org, child, out);
}

// The units whose dossiers count within the scope: those below it (by today's boundaries, with
// every unit reorganised into one of them). Bound as a list of constants: SQLite uses an index on
// an expression only against constants, not against another table's column.
std::vector<int64_t> units_counted(const identity::OrgTree& org, const ReceptionQuery& q) {
  std::vector<int64_t> out;
  std::function<void(int64_t)> walk = [&](int64_t u) {
    int64_t as = q.todays_boundaries ? org.work_successor(u) : u;
    if (org.within(as, q.unit_id)) out.push_back(u);
    for (int64_t c : org.children(u)) walk(c);
  };
  for (int64_t root : org.roots()) walk(root);
  return out;
}

}  // namespace

boost::json::object ReceptionRow::to_json() const {
  boost::json::array agencies;
  for (const auto& a : by_agency)
    agencies.push_back({{"agency_id", a.agency_id}, {"label", a.label}, {"received", a.received}});
  boost::json::object o{{"point_id", point_id}, {"label", label},
                        {"received", received}, {"online", online},
                        {"desk", desk},         {"postal", postal},
                        {"for_own", for_own},   {"for_others", for_others},
                        {"returned", returned}, {"by_agency", std::move(agencies)}};
  if (point_id == 0) o["point_id"] = nullptr;
  return o;
}

Result<std::vector<ReceptionRow>> reception_point_stats(storage::Tx& tx, const ReceptionQuery& q,
                                                        const identity::OrgTree& org, Date today) {
  const int64_t from_ms = to_millis(local_instant(q.from, 0));
  const int64_t to_ms = to_millis(local_instant(add_days(q.to, 1), 0));
  auto counted_as = [&](int64_t unit) {
    return q.todays_boundaries ? org.work_successor(unit) : unit;
  };
  std::map<int64_t, ReceptionRow> rows;
  for (int64_t p : reception_points(org, q.unit_id, today)) {
    if (org.within(p, q.unit_id)) rows[p].point_id = p;
  }
  // Per point, competent agency and channel. The point expression is the one indexed. The
  // agency is the one of the time of reception: a reorganisation that moved the dossier to a
  // successor recorded the one before (dossier_agency_moves). Without any move, the probe is
  // saved.
  TS_ASSIGN_OR_RETURN(auto any_move, tx.query("SELECT 1 FROM dossier_agency_moves LIMIT 1"));
  std::string agency_then =
      any_move.empty()
          ? "d.agency_unit_id"
          : "COALESCE((SELECT m.agency_from FROM dossier_agency_moves m WHERE m.dossier_id = d.id "
            "AND m.at > d.received_at ORDER BY m.at LIMIT 1), d.agency_unit_id)";
  storage::QueryBuilder received("SELECT COALESCE(d.reception_unit_id, d.desk_unit_id), " +
                                 agency_then +
                                 ", d.channel, count(*) FROM dossiers d WHERE "
                                 "COALESCE(d.reception_unit_id, d.desk_unit_id) IN ");
  const std::vector<int64_t> units = units_counted(org, q);
  received.add(received.bind_list(units));
  received.add(" AND d.received_at >= " + received.bind(from_ms) + " AND d.received_at < " +
               received.bind(to_ms) + " GROUP BY 1, 2, 3");
  TS_ASSIGN_OR_RETURN(auto got, received.query(tx));
  std::map<std::pair<int64_t, int64_t>, int64_t> per_agency;  // (point, agency) → received
  for (auto r : got) {
    int64_t recorded = r.i64(0), agency = r.i64(1), n = r.i64(3);
    std::string channel = r.str(2);
    ReceptionRow& row = rows[counted_as(recorded)];
    row.received += n;
    (channel == "online" ? row.online : channel == "postal" ? row.postal : row.desk) += n;
    // Own or not by the point and agency of the time: the dossier code of the time tells the
    // same (receiving_agency is the agency itself only at its own desk).
    (receiving_agency(org, recorded, agency) == agency ? row.for_own : row.for_others) += n;
    per_agency[{counted_as(recorded), counted_as(agency)}] += n;
  }
  storage::QueryBuilder returned(
      "SELECT COALESCE(result_unit_id, desk_unit_id), count(*) FROM dossiers WHERE "
      "COALESCE(result_unit_id, desk_unit_id) IN ");
  returned.add(returned.bind_list(units));
  returned.add(" AND returned_at IS NOT NULL AND returned_at >= " + returned.bind(from_ms) +
               " AND returned_at < " + returned.bind(to_ms) + " GROUP BY 1");
  TS_ASSIGN_OR_RETURN(auto back, returned.query(tx));
  for (auto r : back) rows[counted_as(r.i64(0))].returned += r.i64(1);

  for (const auto& [key, n] : per_agency) {
    const auto* u = org.find(key.second);
    rows[key.first].by_agency.push_back({key.second, u ? u->name : "", n});
  }
  std::map<int64_t, std::size_t> order;
  tree_order(org, q.unit_id, order);
  std::vector<ReceptionRow> out;
  ReceptionRow total;
  for (auto& [id, row] : rows) {
    row.point_id = id;
    const auto* u = org.find(id);
    row.label = u ? u->name : "";
    std::stable_sort(row.by_agency.begin(), row.by_agency.end(),
                     [](const auto& a, const auto& b) { return a.received > b.received; });
    total.received += row.received;
    total.online += row.online;
    total.desk += row.desk;
    total.postal += row.postal;
    total.for_own += row.for_own;
    total.for_others += row.for_others;
    total.returned += row.returned;
    out.push_back(std::move(row));
  }
  auto rank = [&](int64_t id) {
    auto it = order.find(id);
    return it == order.end() ? order.size() : it->second;  // folded in from outside: last
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    return rank(a.point_id) < rank(b.point_id);
  });
  total.label = "Tổng cộng";
  out.push_back(std::move(total));
  return out;
}

}  // namespace tinhso::onestop
