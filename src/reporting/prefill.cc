#include "reporting/prefill.h"

#include "core/calendar/calendar_service.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"
#include "onestop/stats.h"

namespace tinhso::reporting {
namespace {

constexpr LiveSource kSources[] = {
    {"onestop.received", "Một cửa: hồ sơ tiếp nhận trong kỳ"},
    {"onestop.received_online", "Một cửa: tiếp nhận trực tuyến"},
    {"onestop.received_direct_postal", "Một cửa: tiếp nhận trực tiếp và qua bưu chính"},
    {"onestop.carried_over", "Một cửa: từ kỳ trước chuyển sang"},
    {"onestop.finished_early", "Một cửa: giải quyết trước hạn"},
    {"onestop.finished_on_time", "Một cửa: giải quyết đúng hạn"},
    {"onestop.finished_late", "Một cửa: giải quyết quá hạn"},
    {"onestop.in_progress_in_time", "Một cửa: đang giải quyết trong hạn"},
    {"onestop.in_progress_overdue", "Một cửa: đang giải quyết quá hạn"},
};

}  // namespace

std::span<const LiveSource> live_sources() {
  return kSources;
}

bool is_live_source(std::string_view name) {
  for (const auto& x : kSources)
    if (x.name == name) return true;
  return false;
}

Result<Values> live_values(Services& s, const FormDef& f, int64_t unit, const Window& w) {
  Values out;
  bool any = false;
  for (const auto& c : f.columns) any |= !c.source.empty();
  if (!any) return out;
  onestop::StatsQuery q;
  q.agency_id = unit;
  q.from = w.from;
  q.to = w.to;
  // The unit reports on all the work it holds today, including what a reorganisation moved to
  // it: its predecessors' figures count with it, as the open dossiers it took over do.
  q.todays_boundaries = true;
  auto org = s.org.get();
  auto cal = s.calendar.get();
  TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
    return onestop::compute_stats(tx, q, *org, s.clock.now(), cal->rules().seconds_per_day());
  }));
  if (rows.empty()) return out;
  const onestop::StatsRow& r = rows.front();
  auto counter = [&](const char* k) -> int64_t {
    auto it = r.counters.find(k);
    return it == r.counters.end() ? 0 : it->second;
  };
  auto value_of = [&](std::string_view source) -> std::optional<int64_t> {
    if (source == "onestop.received") return counter("received");
    if (source == "onestop.received_online") return counter("received_online");
    if (source == "onestop.received_direct_postal")
      return counter("received") - counter("received_online");
    if (source == "onestop.carried_over") return r.carried_over;
    if (source == "onestop.finished_early") return counter("finished_early");
    if (source == "onestop.finished_on_time") return counter("finished_on_time");
    if (source == "onestop.finished_late") return counter("finished_late");
    // Past days without their nightly snapshot have no overdue count: left empty, not 0.
    if (source == "onestop.in_progress_overdue") return r.in_progress_overdue;
    if (source == "onestop.in_progress_in_time" && r.in_progress_overdue)
      return r.in_progress - *r.in_progress_overdue;
    return std::nullopt;
  };
  for (const auto& c : f.columns) {
    if (c.source.empty()) continue;
    auto v = value_of(c.source);
    if (!v) continue;
    for (const auto& row : f.rows)
      if (!row.total) out[cell_key(row.code, c.code)] = CellValue{static_cast<double>(*v), {}};
  }
  return out;
}

}  // namespace tinhso::reporting
