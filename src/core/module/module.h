// Module: one capability of tinhso (one-stop, documents, …) as the application sees it. A module
// lives in its own folders — src/<name>/, migrations/<name>/, tests/<name>/, web/src/pages/<name>/
// — and declares itself with a ModuleDef; app/modules.cc lists the ModuleDefs, one line each, and
// App loops over them for everything below. docs/modules.md walks through adding one.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/config/config.h"
#include "core/http/openapi.h"
#include "core/identity/roles.h"
#include "core/identity/unit_movers.h"
#include "core/module/restore.h"
#include "core/module/vocabulary.h"
#include "core/services.h"

namespace tinhso {

// A running module. App makes it after the shared services, registers its routes, starts it
// when the server serves and stops it (in reverse order) before the database closes.
class Module {
 public:
  virtual ~Module() = default;

  virtual void register_routes(http::Router& router) = 0;
  // Background tasks (reminder passes, snapshots). Outbox channels are registered with
  // services.outbox when the module is made: the dispatcher starts before any module.
  virtual void start() {}
  virtual void stop() {}
};

// A command-line subcommand of a module: `tinhso <group> <name> [args…]`. Modules sharing a
// group share its `tinhso <group>` level.
struct ModuleCommand {
  std::string_view group;          // "stats"
  std::string_view group_summary;  // shown by `tinhso --help` when the group is first declared
  std::string_view name;           // "rebuild"
  std::string_view summary;        // shown by `tinhso <group> --help`
  // Whether pending migrations are applied first (a repair tool on a database the running
  // server has not migrated yet may prefer not).
  bool migrate = true;
  // Runs on the made (not started) module with the words after the name; prints its own
  // report on success; an error is printed by the caller and the exit status is 1.
  Status (*run)(Module& module, const std::vector<std::string>& args) = nullptr;
};

// A channel of the outbox (core/outbox) that a module sends through: its name and what an
// administrator reads for it. The module registers the sender itself when it is made (the
// sender needs the running services); App checks that every registered channel is declared.
struct OutboxChannel {
  std::string_view name;   // "edxml"
  std::string_view label;  // "Trục liên thông văn bản (edXML)"
};

// What a module's step of `tinhso demo` is given. The demo province lives through the 2025
// reform: its history until `reform_on` happens at the old three-level units, then the
// reorganisation carries the open work over to the two-level province of today.
struct DemoContext {
  uint64_t seed = 2026;  // the same seed gives the same data
  int dossiers = 50000;  // how much one-stop history to make (`tinhso demo --dossiers`)
  Date reform_on;        // the first day of the two-level province (1 July 2025)
  Date from, until;      // the days of the period this step makes (inclusive)
  // The first day of the history made through the services. A module's history before the
  // reform comes in two periods (before and after the departments' mergers of 1 March 2025);
  // what is made once for the whole history (copies into the years before) belongs to the
  // period that starts here.
  Date history_from;
};

// How a module declares itself. Everything here is known before the module is made, so that
// `tinhso migrate` and the permission table need no running module.
struct ModuleDef {
  // Lower-case, the name of its folders, its migrations' module, its settings' prefix.
  std::string_view name;
  // One line, logged at start.
  std::string_view summary;
  // Modules whose tables its migrations refer to; they are migrated first. Core always is.
  std::vector<std::string_view> depends_on;
  std::span<const identity::Permission> permissions;
  // Its settings: typed sections loaded through core's one key table (core/config/section.h).
  std::span<const ConfigSection> config_sections;
  // Settings it derives before it is made, once the configuration is loaded; `demo` is true
  // when the demo installation's test keys sign (no real keys configured). May be null.
  void (*complete_config)(Config& config, bool demo) = nullptr;
  std::unique_ptr<Module> (*make)(Services&) = nullptr;
  // The tags its routes are grouped under in /api/openapi.json, with their descriptions.
  std::span<const http::ApiTag> api_tags;
  // Its command-line tools.
  std::span<const ModuleCommand> commands;
  // The outbox channels it sends through.
  std::span<const OutboxChannel> outbox_channels;
  // The closed lists of values its API speaks, with their labels (core/module/vocabulary.h).
  // May be null.
  std::vector<Vocabulary> (*vocabularies)() = nullptr;
  // Its part of the demo installation (`tinhso demo`): runs once, on the made module, after the
  // demo province of today, its officials and the demo keys exist (in list order); returns a
  // line for the operator saying what it made. May be null.
  Result<std::string> (*demo)(Module& module, const DemoContext& context) = nullptr;
  // Its history before the 2025 reform, at the old units (districts and the smaller communes),
  // made before the demo province is reorganised — in two periods, before and after the
  // departments' mergers of 1 March 2025, so it runs twice (once per period; what is made once
  // for the whole history belongs to the period starting at `history_from`). The
  // reorganisations move what is still open through `unit_movers`, and the next period or
  // `demo` carries on. May be null: a module without history, or one added to a demo database
  // already reorganised, has only `demo`.
  Result<std::string> (*demo_before_reform)(Module& module, const DemoContext& context) = nullptr;
  // How its open work leaves a unit that a reorganisation ends (core/identity/unit_movers.h):
  // every table that keeps work in a unit's queue has a mover, or the work would stay behind.
  std::span<const identity::UnitMover> unit_movers;
  // Moves its number counters past what was issued after a restored backup was taken, recording
  // what it did; returns a line for the operator. Null: the module issues no numbers. Runs in
  // the restore's one transaction, which PostgreSQL may run again: pure in the transaction.
  Result<std::string> (*after_restore)(audit::ChangeTx& tx,
                                       const RestoreContext& context) = nullptr;
  // Empty: the migrations embedded from migrations/<name>/. Otherwise a directory read at run
  // time (a module built outside this tree, such as the example in the tests).
  std::string migrations_dir;
};

}  // namespace tinhso
