#include "onestop/commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdio>

#include "core/base/time.h"
#include "core/storage/sql.h"
#include "onestop/module.h"
#include "onestop/stats.h"

namespace tinhso::onestop {
namespace {

Status no_arguments(const std::vector<std::string>& args) {
  if (args.empty()) return ok_status();
  return Error::invalid(fmt::format("Lệnh này không nhận tham số: {}", fmt::join(args, " ")));
}

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

// Recomputes the statistics counters and the daily open/overdue snapshots from the dossiers.
Status rebuild_statistics(Module& module, const std::vector<std::string>& args) {
  TS_TRY(no_arguments(args));
  Services& s = static_cast<OneStop&>(module).services();
  auto started = std::chrono::steady_clock::now();
  Date today = local_date(s.clock.now());
  // The counters are derived data (no audit entry); one transaction keeps readers consistent.
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    TS_TRY(rebuild_stats(tx));
    TS_ASSIGN_OR_RETURN(auto first, tx.query("SELECT min(submitted_at) FROM dossiers"));
    Date from = first.front().is_null(0) ? today : local_date(from_millis(first.front().i64(0)));
    return rebuild_open_snapshots(tx, from, today);
  }));
  std::printf("Statistics rebuilt in %.1f s.\n", seconds_since(started));
  return ok_status();
}

// Stores the public look-up view of dossiers that have none.
Status render_public_views(Module& module, const std::vector<std::string>& args) {
  TS_TRY(no_arguments(args));
  auto started = std::chrono::steady_clock::now();
  TS_ASSIGN_OR_RETURN(auto n, static_cast<OneStop&>(module).dossiers().render_public_views());
  std::printf("Public views rendered for %lld dossiers in %.1f s.\n", static_cast<long long>(n),
              seconds_since(started));
  return ok_status();
}

const ModuleCommand kCommands[] = {
    {.group = "stats",
     .group_summary = "One-stop statistics tools",
     .name = "rebuild",
     .summary = "Recompute every statistics counter and daily snapshot from the dossiers (repair)",
     .migrate = false,
     .run = &rebuild_statistics},
    {.group = "dossiers",
     .group_summary = "One-stop dossier tools",
     .name = "render-views",
     .summary = "Store the public look-up view of dossiers that have none (after an upgrade or a "
                "bulk import)",
     .migrate = true,
     .run = &render_public_views},
};

}  // namespace

std::span<const ModuleCommand> commands() {
  return kCommands;
}

}  // namespace tinhso::onestop
