// OneStop: the objects of the one-stop module of a running tinhso — the procedure cache, the
// file store, the senders of its outbox channels (e-mail, SMS, national portal) and the
// dossier service — and the registration of its HTTP routes (routes.h).
#pragma once

#include <memory>

#include "core/base/periodic_task.h"
#include "core/base/rate_limiter.h"
#include "core/files/file_store.h"
#include "core/module/module.h"
#include "core/outbox/outbox.h"
#include "core/services.h"
#include "onestop/catalog.h"
#include "onestop/daily_snapshots.h"
#include "onestop/payments.h"
#include "onestop/service.h"
#include "onestop/stats_counters.h"

namespace tinhso::http {
class Router;
}  // namespace tinhso::http

namespace tinhso::onestop {

// The module's declaration (core/module/module.h), listed in app/modules.cc.
const ModuleDef& module_def();

class OneStop : public Module {
 public:
  explicit OneStop(Services& s);
  OneStop(const OneStop&) = delete;
  OneStop& operator=(const OneStop&) = delete;

  Services& services() { return s_; }
  ProcedureCache& procedures() { return procedures_; }
  files::FileStore& files() { return files_; }
  outbox::Dispatcher& outbox() { return s_.outbox; }
  DossierService& dossiers() { return dossiers_; }
  Payments& payments() { return payments_; }
  // Failed public look-ups per client: guessing codes and verifiers is slowed down.
  RateLimiter& lookup_failures() { return lookup_failures_; }
  RateLimiter& submissions() { return submissions_; }
  // The nightly open / overdue snapshot (the server starts it; command-line tools need not).
  DailySnapshots& daily_snapshots() { return daily_snapshots_; }

  void register_routes(http::Router& router) override;
  void start() override {
    daily_snapshots_.start();
    stats_folder_.start();
    missing_views_.start();
  }
  void stop() override {
    missing_views_.stop();
    stats_folder_.stop();
    daily_snapshots_.stop();
  }

 private:
  Services& s_;
  ProcedureCache procedures_;
  files::FileStore files_;
  DossierService dossiers_;
  Payments payments_;
  RateLimiter lookup_failures_;
  RateLimiter submissions_;
  DailySnapshots daily_snapshots_;
  StatsFolder stats_folder_;
  // Renders public views that are missing (after a reorganisation moved their dossiers), so
  // the look-up of those dossiers is as fast as any other's again.
  PeriodicTask missing_views_;
};

}  // namespace tinhso::onestop
