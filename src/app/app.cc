#include "app/app.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <thread>

#include "app/demo/demo_pki.h"
#include "app/modules.h"
#include "app/restore.h"
#include "core/audit/api.h"
#include "core/base/log.h"
#include "core/calendar/api.h"
#include "core/http/idempotency_store.h"
#include "core/http/openapi.h"
#include "core/http/pipeline.h"
#include "core/http/server.h"
#include "core/identity/api.h"
#include "core/identity/revocation.h"
#include "core/outbox/outbox.h"
#include "core/storage/migrations.h"
#include "core/storage/open.h"
#include "onestop/module.h"

namespace tinhso::app {

App::App(Config config) : config_(std::move(config)) {}

App::~App() {
  if (change_feed_) change_feed_->stop();
  if (snapshot_rechecks_) snapshot_rechecks_->stop();
  if (checkpoints_) checkpoints_->stop();
  if (outbox_) outbox_->stop();
  if (texts_) texts_->stop();
  while (!modules_.empty()) modules_.pop_back();
  if (sessions_) sessions_->stop();
  if (db_) db_->close();
}

Result<std::unique_ptr<App>> App::open(Config config) {
  return open(std::move(config), default_modules());
}

onestop::OneStop& App::onestop() {
  auto* m = module<onestop::OneStop>();
  if (m == nullptr) throw std::logic_error("the one-stop module is not in this App's list");
  return *m;
}

Module* App::module_named(std::string_view name) {
  for (std::size_t i = 0; i < module_defs_.size(); ++i)
    if (module_defs_[i]->name == name) return modules_[i].get();
  return nullptr;
}

Result<std::unique_ptr<App>> App::open(Config config, std::vector<const ModuleDef*> modules) {
  auto app = std::unique_ptr<App>(new App(std::move(config)));
  const Config& c = app->config_;
  // Checked before anything is opened: a duplicate permission or a dependency circle is a
  // programming error in the module list.
  TS_TRY(permission_table(modules));
  TS_TRY(vocabularies_of(modules));
  app->module_defs_ = std::move(modules);
  // A configuration made in code (tests, tools) may lack module sections: their defaults.
  add_default_sections(app->config_, config_sections_of(app->module_defs_));
  int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  app->io_threads_ = c.server.io_threads > 0 ? c.server.io_threads : cores;
  // Workers mostly wait: for a group commit, a PDF, a password hash (those are limited to one
  // per core in passwords.cc). On SQLite a commit takes every transaction waiting for it, so
  // the number of workers bounds the batch: 8 held durable submissions to ~900/s on a disk
  // whose flush takes 2 ms, 32 reach ~2,000/s (bench/README.md). On PostgreSQL each
  // transaction holds a pooled connection, and workers beyond the pool only queue for one:
  // 32 workers on 16 connections made look-ups' p99 44 ms against 7 ms with 8.
  int default_workers = c.is_postgres() ? std::min(c.database.pool_size, std::max(8, 4 * cores))
                                        : std::max(32, 8 * cores);
  app->worker_threads_ = c.server.worker_threads > 0 ? c.server.worker_threads : default_workers;
  TS_ASSIGN_OR_RETURN(app->db_,
                      storage::open_database(c, app->io_threads_ + app->worker_threads_ + 2));
  TS_ASSIGN_OR_RETURN(app->migrations_, migrations_of(app->module_defs_, app->db_->dialect()));
  TS_ASSIGN_OR_RETURN(auto rules, calendar::WorkingTimeRules::from_config(c.calendar));

  TS_ASSIGN_OR_RETURN(app->audit_keys_, audit::load_keys(c.audit_keys_dir()));
  app->changes_ = std::make_unique<audit::ChangeLog>(*app->db_, app->clock_);
  app->org_ = std::make_unique<identity::OrgCache>(*app->db_);
  app->authorizer_ = std::make_unique<identity::Authorizer>(*app->org_);
  app->hasher_ = std::make_unique<identity::PasswordHasher>(c.security);
  app->sessions_ = std::make_unique<identity::SessionStore>(*app->db_, app->clock_, c.security);
  app->tokens_ = std::make_unique<identity::TokenStore>(*app->db_, app->clock_,
                                                        c.security.session_cache_seconds);
  app->auth_ =
      std::make_unique<identity::AuthService>(*app->db_, app->clock_, *app->changes_, *app->hasher_,
                                              *app->sessions_, *app->tokens_, c.security, c.notify);
  app->calendar_ = std::make_unique<calendar::CalendarService>(*app->db_, std::move(rules));
  app->outbox_ = std::make_unique<outbox::Dispatcher>(
      *app->db_, app->clock_,
      outbox::Dispatcher::Options{c.notify.max_attempts, c.notify.retry_base_seconds});
  app->texts_ = std::make_unique<files::TextExtractor>(*app->db_, app->clock_, c.files);
  bool demo_pki = false;
  app->config_.signing = effective_signing(app->config_, &demo_pki);
  if (demo_pki)
    spdlog::warn(
        "digital signatures use the DEMO PKI in {}/{}: test keys without legal value; "
        "set signing.keys_dir for real keys",
        app->config_.data_dir, kDemoPkiDir);
  for (const ModuleDef* def : app->module_defs_) {
    if (def->complete_config != nullptr) def->complete_config(app->config_, demo_pki);
  }
  TS_ASSIGN_OR_RETURN(app->signer_, signing::FileSigner::open(app->config_.signing));
  app->services_ = std::unique_ptr<Services>(
      new Services{app->config_, *app->db_, app->clock_, *app->changes_, *app->org_,
                   *app->authorizer_, *app->hasher_, *app->sessions_, *app->auth_, *app->calendar_,
                   *app->outbox_, *app->texts_, *app->signer_});
  for (const ModuleDef* def : app->module_defs_)
    app->modules_.push_back(def->make(*app->services_));
  std::vector<identity::UnitMover> movers(identity::core_unit_movers().begin(),
                                          identity::core_unit_movers().end());
  for (const ModuleDef* def : app->module_defs_)
    movers.insert(movers.end(), def->unit_movers.begin(), def->unit_movers.end());
  app->reorganiser_ = std::make_unique<identity::Reorganiser>(*app->services_, std::move(movers));
  // Every channel a module sends through is declared, so that administrators read its name.
  for (const std::string& channel : app->outbox_->channels()) {
    bool declared = false;
    for (const ModuleDef* def : app->module_defs_) {
      for (const OutboxChannel& c : def->outbox_channels) declared = declared || c.name == channel;
    }
    if (!declared)
      return Error::internal(fmt::format(
          "outbox channel {} has a sender but no module declares it (ModuleDef::outbox_channels)",
          channel));
  }
  return app;
}

Status App::adopt_demo_pki() {
  bool demo_pki = false;
  SigningConfig signing = effective_signing(config_, &demo_pki);
  if (!demo_pki) return ok_status();
  TS_ASSIGN_OR_RETURN(auto signer, signing::FileSigner::open(signing));
  // Services hold references to the signer and the configuration: replace what they refer to.
  config_.signing = std::move(signing);
  *signer_ = std::move(*signer);
  return ok_status();
}

Status App::bind_audit_key() {
  TS_TRY(audit::bind_keys(*db_, audit_keys_, config_.audit_keys_dir()));
  changes_->set_key(audit_keys_.hmac);
  changes_->set_checkpoint_key(audit_keys_.checkpoint);
  return ok_status();
}

Status App::migrate() {
  TS_ASSIGN_OR_RETURN(auto applied, storage::migrate(*db_, migrations_));
  if (!applied.empty()) spdlog::info("database schema: {} migrations applied", applied.size());
  TS_TRY(bind_audit_key());
  TS_ASSIGN_OR_RETURN(auto years, calendar_->seed_shipped(*changes_));
  if (!years.empty())
    spdlog::info("calendar: recorded official decisions for {}", fmt::join(years, ", "));
  return ok_status();
}

Result<bool> App::ready() {
  TS_ASSIGN_OR_RETURN(auto pending, storage::pending_migrations(*db_, migrations_));
  return pending.empty();
}

void App::register_routes(http::Router& router) {
  register_ops_routes(router);
  identity::register_auth_routes(router, *services_);
  identity::register_unit_routes(router, *services_);
  identity::register_reorganisation_routes(router, *reorganiser_);
  identity::register_official_routes(router, *services_);
  calendar::register_calendar_routes(router, *services_);
  audit::register_audit_routes(router, *services_);
  for (auto& m : modules_) m->register_routes(router);
}

void App::start_modules() {
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    modules_[i]->start();
    spdlog::info("module {}: {}", module_defs_[i]->name, module_defs_[i]->summary);
  }
}

void App::stop_modules() {
  for (auto it = modules_.rbegin(); it != modules_.rend(); ++it) (*it)->stop();
}

std::string App::openapi() {
  http::Router router;
  register_routes(router);
  return openapi_of(router);
}

void App::recheck_revocations() {
  auto r = auth_->revocations().recheck();
  if (!r.ok()) spdlog::warn("revocation recheck: {}", r.error().describe());
}

void App::recheck_snapshots() {
  // Withdrawn access first: a slow reload of the organisation tree must not delay it.
  recheck_revocations();
  org_->recheck();
  calendar_->recheck();
}

void App::start_change_feed() {
  if (!config_.is_postgres()) return;
  change_feed_ = std::make_unique<storage::ChangeFeed>(config_.database.url, [this] {
    // Notices may have been missed while not listening: drop everything cached.
    sessions_->forget_all();
    tokens_->forget_all();
    // Withdrawn access at once, here; the slower reloads on the recheck task's thread.
    recheck_revocations();
    snapshot_rechecks_->run_now();
  });
  change_feed_->on("session", [this](std::string_view hash) { sessions_->forget(hash); });
  change_feed_->on("revocation", [this](std::string_view) { recheck_revocations(); });
  // Reloads of reference data can take a while (a province's whole organisation tree): they run
  // on the recheck task's thread, so the feed goes on receiving logouts meanwhile.
  change_feed_->on("version", [this](std::string_view) { snapshot_rechecks_->run_now(); });
  // A logout or withdrawn access answers once every node has been told. Set before the feed
  // starts; handlers never settle (they run on the feed's thread, which receives the barrier).
  auth_->revocations().set_settle([this] {
    if (change_feed_->listening() && change_feed_->settle(*db_, std::chrono::seconds(1))) return;
    // Some node may not have heard (this feed is down, or a node did not answer in time):
    // moving the revocation epoch makes every node drop its cached sessions and tokens at its
    // next periodic recheck (within 2 s) — a logout included, which the epoch alone does not
    // cover.
    auto bumped = db_->write([&](storage::Tx& tx) {
      return identity::bump_revocation_epoch(tx, to_millis(clock_.now()));
    });
    spdlog::warn(
        "change feed: not every node confirmed a logout or withdrawn access within 1 s; {}",
        bumped.ok() ? "every node drops its cached sessions at its next recheck (within 2 s)"
                    : "and the revocation epoch could not be moved: " + bumped.error().describe());
  });
  change_feed_->start();
}

std::string App::openapi_of(const http::Router& router) const {
  return boost::json::serialize(
      http::build_openapi(router, TINHSO_VERSION, api_tags_of(module_defs_)));
}

Status App::serve() {
  TS_TRY(refuse_unfinished_restore(*this));
  TS_TRY(refuse_rewound_database(*this));
  http::Router router;
  register_routes(router);
  openapi_ = openapi_of(router);

  http::PipelineOptions po;
  po.default_body_limit = static_cast<std::size_t>(config_.server.body_limit_bytes);
  po.https = config_.server.public_url.starts_with("https://");
  po.access_log = config_.logging.access_log;
  po.local_reads = db_->local_reads();
  po.trusted_proxies = config_.server.trusted_proxies;
  po.request_deadline = std::chrono::seconds(config_.server.request_deadline_seconds);
  http::Pipeline pipeline(router, *auth_, *authorizer_, po);
  pipeline.set_static_files(
      http::StaticFiles::load(config_.server.web_root, map_tile_origin(config_.map)));
  pipeline.set_rate_limit(config_.security.rate_limit_per_second,
                          config_.security.rate_limit_burst);
  http::DbIdempotencyStore idempotency(*db_, clock_, audit_keys_.hmac.secret);
  pipeline.set_idempotency(&idempotency);

  http::ServerOptions so;
  so.listen = config_.server.listen;
  so.io_threads = io_threads_;
  so.worker_threads = worker_threads_;
  so.header_limit = static_cast<std::size_t>(config_.server.header_limit_bytes);
  so.read_timeout = std::chrono::seconds(config_.server.read_timeout_seconds);
  so.idle_timeout = std::chrono::seconds(config_.server.idle_timeout_seconds);
  so.shutdown_grace = std::chrono::seconds(config_.server.shutdown_grace_seconds);
  so.max_connections = config_.server.max_connections;
  http::Server server(so, pipeline);
  // Listening before the node accepts requests: it misses no other node's change.
  // The safety net under the change feed (and all there is on SQLite, one node per file); the
  // feed's notices wake it early.
  snapshot_rechecks_ =
      std::make_unique<PeriodicTask>(std::chrono::seconds(2), [this] { recheck_snapshots(); });
  // Reorganisation plans apply on their day (and resume after a crash) in the background.
  reorganisations_due_ = std::make_unique<PeriodicTask>(std::chrono::seconds(60), [this] {
    if (Status s = reorganiser_->apply_due(); !s.ok())
      spdlog::warn("reorganisations due: {}", s.error().describe());
  });
  reorganiser_->set_waker([this] { reorganisations_due_->run_now(); });
  start_change_feed();
  TS_TRY(server.start());
  server_ = &server;
  pipeline_ = &pipeline;
  outbox_->start();
  texts_->start();
  start_modules();
  snapshot_rechecks_->start();
  reorganisations_due_->start();
  if (config_.audit.checkpoint_minutes > 0) {
    checkpoints_ = std::make_unique<audit::CheckpointWriter>(
        *db_, clock_, audit_keys_.checkpoint,
        audit::CheckpointOptions{std::chrono::minutes(config_.audit.checkpoint_minutes),
                                 config_.audit_checkpoint_file(), config_.audit.checkpoint_syslog});
    checkpoints_->start();
  }
  spdlog::info(
      "tinhso {} listening on http://{} ({} I/O threads, {} workers, database: {})", TINHSO_VERSION,
      config_.server.listen.starts_with("0.0.0.0") || config_.server.listen.ends_with(":0")
          ? fmt::format("{}:{}", config_.server.listen.substr(0, config_.server.listen.rfind(':')),
                        server.port())
          : config_.server.listen,
      io_threads_, worker_threads_, config_.is_postgres() ? "postgresql" : "sqlite");
  // Machine-readable line for scripts and tests that start the server on port 0.
  std::fprintf(stdout, "tinhso: listening on port %u\n", server.port());
  std::fflush(stdout);
  server.run();
  server_ = nullptr;
  pipeline_ = nullptr;
  snapshot_rechecks_->stop();
  reorganiser_->set_waker(nullptr);
  reorganisations_due_->stop();
  if (change_feed_) change_feed_->stop();
  stop_modules();
  outbox_->stop();
  sessions_->stop();
  // The node's last word on the log: a database later put back to a time before this is found
  // at the next start (refuse_rewound_database), however short the last interval was.
  if (checkpoints_) {
    checkpoints_->stop();
    if (auto r = checkpoints_->write_once(); !r.ok())
      spdlog::error("audit checkpoint at shutdown: {}", r.error().describe());
  }
  spdlog::info("server stopped; closing the database");
  db_->close();
  return ok_status();
}

}  // namespace tinhso::app
