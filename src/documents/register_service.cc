#include "documents/register_service.h"

#include "core/services.h"
#include "documents/access.h"
#include "documents/module.h"

namespace tinhso::documents {

Result<storage::Keyed<boost::json::value>> RegisterService::search(const identity::Principal& who,
                                                                   int64_t unit_id,
                                                                   bool include_subunits,
                                                                   DocumentSearch q) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, unit_id));
  q.unit_ids = {unit_id};
  if (include_subunits) {
    auto org = s.org.get();
    // Units below, breadth first (at most 2,000 registers in one search), that `who` may read.
    for (std::size_t i = 0; i < q.unit_ids.size() && q.unit_ids.size() < 2000; ++i)
      for (int64_t c : org->children(q.unit_ids[i])) q.unit_ids.push_back(c);
    std::erase_if(q.unit_ids, [&](int64_t u) {
      return u != unit_id && !authorize_register_view(who, s.authorizer, u).ok();
    });
  }
  if (!q.kind.empty() && q.kind != "incoming" && q.kind != "outgoing")
    return Error::validation("kind", "Loại là incoming hoặc outgoing.");
  return s.db.read([&](storage::Tx& tx) { return search_documents(tx, q); });
}

Result<DocumentStatsReport> RegisterService::statistics(const identity::Principal& who,
                                                        int64_t unit_id, std::optional<Date> from,
                                                        std::optional<Date> to) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, unit_id));
  Date today = local_date(s.clock.now());
  Date first = from.value_or(today.year() / today.month() / 1);
  Date last = to.value_or(today);
  if (last < first) return Error::validation("to", "Ngày cuối kỳ phải sau ngày đầu kỳ.");
  if (days_between(first, last) > 3660)
    return Error::validation("to", "Kỳ thống kê tối đa 10 năm.");
  auto org = s.org.get();
  TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
    return document_stats(tx, *org, unit_id, first, last, s.clock.now());
  }));
  return make_report(first, last, std::move(rows));
}

}  // namespace tinhso::documents
