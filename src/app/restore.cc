// Finishing a restore from a backup (restore.h).
#include "app/restore.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/audit/change_log.h"
#include "core/audit/checkpoints.h"
#include "core/base/file_io.h"
#include "core/storage/sqlite_database.h"

namespace tinhso::app {
namespace {

Result<std::optional<Instant>> stamp_of(App& app) {
  return app.db().read(
      [](storage::Tx& tx) -> Result<std::optional<Instant>> { return storage::backup_stamp(tx); });
}

Result<std::vector<std::string>> read_issued(const std::string& path) {
  std::vector<std::string> lines;
  if (path.empty()) return lines;
  TS_ASSIGN_OR_RETURN(auto text, read_file(path));
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (lines.empty() && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a BOM
    constexpr std::string_view kSpace = " \t\r";
    auto start = line.find_first_not_of(kSpace);
    if (start == std::string::npos || line[start] == '#') continue;
    lines.push_back(line.substr(start, line.find_last_not_of(kSpace) - start + 1));
  }
  return lines;
}

}  // namespace

Status refuse_unfinished_restore(App& app) {
  TS_ASSIGN_OR_RETURN(auto stamp, stamp_of(app));
  if (!stamp) return ok_status();
  return Error::unavailable(fmt::format(
      "this database is a copy of the backup taken at {}: dossier codes and register numbers "
      "issued after that are not in it. Run `tinhso restore finish` (with --issued FILE if the "
      "codes issued since are known) before serving; see docs/operations.md",
      format_rfc3339(*stamp)));
}

Status refuse_rewound_database(App& app) {
  if (!app.audit_keys().checkpoint) return ok_status();
  const std::string path = app.config().audit_checkpoint_file();
  auto read = audit::newest_checkpoint(path, *app.audit_keys().checkpoint);
  if (!read.ok() || !*read) {
    // Proving the file is `tinhso audit verify`'s work; this is only a guard against rewinds.
    if (!read.ok() || std::filesystem::exists(path))
      spdlog::warn(
          "audit checkpoints in {}: no line this node's key signed can be read ({}); the "
          "database is not compared with them",
          path, read.ok() ? "none verifies" : read.error().message());
    return ok_status();
  }
  const audit::Checkpoint& newest = **read;
  TS_ASSIGN_OR_RETURN(auto missing, audit::first_missing_head(app.db(), newest.chains));
  if (!missing) return ok_status();
  const std::string when = format_rfc3339(from_millis(newest.at_ms));
  // A restore finished after this checkpoint, from a backup taken before it, explains the gap.
  // The finish may have run on a machine whose clock is a little behind this node's.
  constexpr int64_t kClockSkewMs = 5 * 60 * 1000;
  TS_ASSIGN_OR_RETURN(auto finished, app.db().read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT change FROM audit_log WHERE action = 'database.restore_finished' AND at >= $1",
        {newest.at_ms - kClockSkewMs});
  }));
  for (auto r : finished) {
    boost::system::error_code json_ec;
    auto change = boost::json::parse(r.view(0), json_ec);
    const auto* o = json_ec ? nullptr : change.if_object();
    const auto* taken = o ? o->if_contains("taken_at") : nullptr;
    if (taken == nullptr || !taken->is_string()) continue;
    auto taken_at = parse_rfc3339(std::string(taken->as_string()));
    if (taken_at.ok() && to_millis(*taken_at) <= newest.at_ms) {
      spdlog::warn(
          "the database was restored from a backup of {}, before this node's audit checkpoint "
          "of {}: that checkpoint and earlier ones after the backup name entries the restore "
          "removed (use `tinhso audit verify --until {}`)",
          std::string(taken->as_string()), when, std::string(taken->as_string()));
      return ok_status();
    }
  }
  return Error::unavailable(fmt::format(
      "this database lacks audit entries this node recorded in its signed checkpoint of {} "
      "(chain {}, entry {}): it was put back to an earlier time (a restored dump or file, a "
      "point-in-time recovery) or its log was cut. Numbers issued after that time are not in "
      "it. If it was restored, run `tinhso restore finish --taken-at TIME` with the time of the "
      "backup before serving; otherwise run `tinhso audit verify`. See docs/operations.md",
      when, missing->chain, missing->seq));
}

int finish_restore(App& app, const RestoreArgs& args) {
  auto fail = [](const Error& e) {
    std::fprintf(stderr, "tinhso restore finish: %s\n", e.message().c_str());
    return 1;
  };
  auto stamp = stamp_of(app);
  if (!stamp.ok()) return fail(stamp.error());
  RestoreContext context;
  if (!args.taken_at.empty()) {
    auto at = parse_rfc3339(args.taken_at);
    if (!at.ok()) return fail(Error::invalid("--taken-at: " + at.error().message()));
    context.taken_at = *at;
    // A stamp is the truth about a copy made by `tinhso backup`: an earlier --taken-at only
    // moves more, a later one would leave codes behind.
    if (*stamp && **stamp < context.taken_at)
      return fail(Error::invalid(fmt::format(
          "--taken-at is later than the backup's own stamp ({}); leave it out or give an earlier "
          "time",
          format_rfc3339(**stamp))));
  } else if (*stamp) {
    context.taken_at = **stamp;
  } else {
    return fail(Error::invalid(
        "this database carries no backup stamp (a PostgreSQL dump, or a copy made otherwise): "
        "give --taken-at with the time the backup was taken, e.g. 2026-12-01T02:00:00+07:00"));
  }
  context.now = app.clock().now();
  if (context.now < context.taken_at)
    return fail(Error::invalid("the backup's time is in the future of this machine's clock"));
  // Nothing in the database happened after the backup was taken: a --taken-at later than its
  // newest audit entry (a dump named by another clock, a guess) would leave days unmoved.
  auto newest =
      app.db().read([](storage::Tx& tx) { return tx.query("SELECT MAX(at) FROM audit_log"); });
  if (!newest.ok()) return fail(newest.error());
  if (!newest->empty() && !newest->front().is_null(0) &&
      from_millis(newest->front().i64(0)) < context.taken_at) {
    std::printf("The newest change in this database is from %s: moving from then.\n",
                format_rfc3339(from_millis(newest->front().i64(0))).c_str());
    context.taken_at = from_millis(newest->front().i64(0));
  }
  if (args.margin && *args.margin < 0) return fail(Error::invalid("--margin must be 0 or more"));
  context.margin = args.margin;
  auto issued = read_issued(args.issued_file);
  if (!issued.ok()) return fail(issued.error());
  context.issued = *issued;
  std::vector<char> recognised(issued->size(), 0);
  context.recognise = [&recognised](std::size_t i) { recognised.at(i) = 1; };

  audit::Actor actor = audit::Actor::system("Dòng lệnh tinhso (restore finish)");
  auto lines = app.services().changes.apply(
      actor, [&](audit::ChangeTx& tx) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        for (const ModuleDef* def : app.module_defs()) {
          if (def->after_restore == nullptr) continue;
          TS_ASSIGN_OR_RETURN(auto line, def->after_restore(tx, context));
          out.push_back(std::move(line));
        }
        // A file nobody could read (another kind of number, columns, a typo) would move nothing
        // for its codes: refused, with what was not understood.
        std::vector<std::string> unknown;
        for (std::size_t i = 0; i < recognised.size(); ++i)
          if (!recognised[i]) unknown.push_back(context.issued[i]);
        if (!unknown.empty()) {
          std::string shown;
          for (std::size_t i = 0; i < unknown.size() && i < 5; ++i) shown += "\n  " + unknown[i];
          return Error::invalid(fmt::format(
              "{} line(s) of {} are neither dossier codes (<agency code>-<yymmdd>-<n>) nor "
              "feedback codes (PAKN-<year>-<n>); nothing was changed. The first:{}",
              unknown.size(), args.issued_file, shown));
        }
        TS_TRY(storage::clear_backup_stamp(tx.sql()));
        TS_TRY(tx.record(
            "database.restore_finished", "database", "restore",
            boost::json::object{{"taken_at", format_rfc3339(context.taken_at)},
                                {"issued_lines", context.issued.size()},
                                {"margin", args.margin ? boost::json::value(*args.margin)
                                                       : boost::json::value("estimated")}}));
        return out;
      });
  if (!lines.ok()) return fail(lines.error());
  std::printf("Restore from the backup of %s finished.\n",
              format_rfc3339(context.taken_at).c_str());
  for (const auto& line : *lines) std::printf("  %s\n", line.c_str());
  std::puts("The server may be started.");
  return 0;
}

}  // namespace tinhso::app
