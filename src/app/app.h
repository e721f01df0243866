// App: one running tinhso — configuration, database, shared services, routes and server —
// wired together in one place. The command-line tools use it too (migrate, admin, demo …).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "core/audit/change_log.h"
#include "core/audit/checkpoints.h"
#include "core/base/periodic_task.h"
#include "core/base/time.h"
#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/files/text_extractor.h"
#include "core/http/router.h"
#include "core/identity/auth_service.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"
#include "core/identity/reorganisation.h"
#include "core/module/module.h"
#include "core/services.h"
#include "core/signing/file_signer.h"
#include "core/storage/change_feed.h"
#include "core/storage/migrations.h"

namespace tinhso::http {
class Server;
class Pipeline;
}  // namespace tinhso::http

namespace tinhso::onestop {
class OneStop;
}

namespace tinhso::app {

class App {
 public:
  // Opens the database named by the configuration (it must exist or be creatable) and makes
  // the modules (app/modules.h; tests add their own).
  static Result<std::unique_ptr<App>> open(Config config);
  static Result<std::unique_ptr<App>> open(Config config, std::vector<const ModuleDef*> modules);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Applies schema migrations, binds the audit key and seeds shipped reference data (holiday
  // decisions).
  Status migrate();
  // Ties the audit key files to the database (first use: saves them); nothing can be recorded
  // before. migrate() does it; `serve --no-migrate` calls it alone.
  Status bind_audit_key();
  const audit::AuditKeys& audit_keys() const { return audit_keys_; }
  // Signs with the demo PKI written after start-up (`tinhso demo`), unless real keys are
  // configured, so that the demo's own dossiers are approved and signed like production's.
  Status adopt_demo_pki();
  // Whether every embedded migration is applied.
  Result<bool> ready();
  // Serves HTTP until SIGTERM/SIGINT, then shuts down gracefully.
  Status serve();
  // The OpenAPI document of every route, as /api/openapi.json serves it (`tinhso openapi`
  // prints it for the front end's generated types).
  std::string openapi();

  const Config& config() const { return config_; }
  Services& services() { return *services_; }
  onestop::OneStop& onestop();
  // Reorganisations of units, moving work with core's and every module's movers.
  identity::Reorganiser& reorganiser() { return *reorganiser_; }
  // The running module of type M, or null when it is not in the list.
  template <class M>
  M* module() {
    for (auto& m : modules_)
      if (auto* found = dynamic_cast<M*>(m.get())) return found;
    return nullptr;
  }
  // The running module declared under `name`, or null.
  Module* module_named(std::string_view name);
  // The modules' declarations, in list order.
  const std::vector<const ModuleDef*>& module_defs() const { return module_defs_; }
  // Core's and the modules' migrations in the order they apply.
  const std::vector<storage::Migration>& migrations() const { return migrations_; }
  storage::Database& db() { return *db_; }
  Clock& clock() { return clock_; }
  int io_threads() const { return io_threads_; }
  int worker_threads() const { return worker_threads_; }

  // Starts (in list order) and stops (in reverse) the modules' background tasks; serve() does
  // it around serving.
  void start_modules();
  void stop_modules();

  // All routes of all modules (also used by tests and the OpenAPI generator).
  void register_routes(http::Router& router);

 private:
  explicit App(Config config);
  void register_ops_routes(http::Router& router);
  // Whether the database answers (Database::probe), asked at most once a second: balancers of
  // every node probe /readyz, and on PostgreSQL each probe opens a connection.
  Status database_answers();
  // The OpenAPI document of `router`'s routes (serve() builds it from the router it serves).
  std::string openapi_of(const http::Router& router) const;
  // PostgreSQL: listens for the other nodes' changes (logouts, withdrawn access, reference data)
  // and drops what this node cached at once (storage/change_feed.h).
  void start_change_feed();
  // Rechecks the revocation epoch and reloads the snapshots other nodes changed.
  // Rechecks the revocation epoch (withdrawn access), logging a failure.
  void recheck_revocations();
  void recheck_snapshots();

  Config config_;
  int io_threads_ = 1;
  int worker_threads_ = 8;
  Clock clock_;
  std::unique_ptr<storage::Database> db_;
  audit::AuditKeys audit_keys_;
  std::unique_ptr<audit::ChangeLog> changes_;
  std::unique_ptr<audit::CheckpointWriter> checkpoints_;
  std::unique_ptr<identity::OrgCache> org_;
  std::unique_ptr<identity::Authorizer> authorizer_;
  std::unique_ptr<identity::PasswordHasher> hasher_;
  std::unique_ptr<identity::SessionStore> sessions_;
  std::unique_ptr<identity::TokenStore> tokens_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<outbox::Dispatcher> outbox_;
  std::unique_ptr<files::TextExtractor> texts_;
  std::unique_ptr<signing::FileSigner> signer_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<identity::Reorganiser> reorganiser_;
  // Applies accepted reorganisation plans on their day and resumes interrupted ones.
  std::unique_ptr<PeriodicTask> reorganisations_due_;
  std::vector<const ModuleDef*> module_defs_;
  std::vector<storage::Migration> migrations_;
  std::vector<std::unique_ptr<Module>> modules_;  // in list order; destroyed in reverse
  std::mutex probe_mu_;  // one probe at a time; the others wait and share its answer
  std::chrono::steady_clock::time_point probed_at_;
  Status probed_ = ok_status();
  std::atomic<bool> migrations_current_{false};  // every migration of this binary is applied
  // Rechecks the shared snapshots (organisation, calendar) for other nodes' changes.
  std::unique_ptr<PeriodicTask> snapshot_rechecks_;
  std::unique_ptr<storage::ChangeFeed> change_feed_;

  // Set while serving (metrics read them).
  http::Server* server_ = nullptr;
  http::Pipeline* pipeline_ = nullptr;
  std::string openapi_;
};

}  // namespace tinhso::app
