#include "feedback/commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdio>

#include "core/storage/sql.h"
#include "feedback/items.h"
#include "feedback/module.h"

namespace tinhso::feedback {
namespace {

// Makes the figures' counters again from the items (items.h recount_stats).
Status recount(Module& module, const std::vector<std::string>& args) {
  if (!args.empty())
    return Error::invalid(fmt::format("Lệnh này không nhận tham số: {}", fmt::join(args, " ")));
  Services& s = static_cast<Feedback&>(module).services();
  auto started = std::chrono::steady_clock::now();
  // Derived data (no audit entry), in one transaction so that readers see old or new figures.
  TS_TRY(s.db.write([](storage::Tx& tx) { return recount_stats(tx); }));
  std::printf("Feedback figures recounted in %.1f s.\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return ok_status();
}

const ModuleCommand kCommands[] = {
    {.group = "feedback",
     .group_summary = "Citizen feedback tools",
     .name = "recount",
     .summary = "Make the figures' counters again from the items (after a rolling upgrade, or to "
                "repair them)",
     .migrate = true,
     .run = &recount},
};

}  // namespace

std::span<const ModuleCommand> commands() {
  return kCommands;
}

}  // namespace tinhso::feedback
