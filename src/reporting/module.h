// Reporting: the reporting information system module (hệ thống thông tin báo cáo — issue 18)
// of a running tinhso: its service, the registration of its HTTP routes (routes.h) and the
// periodic pass reminding units whose report is not sent (reminders.h).
#pragma once

#include "core/base/periodic_task.h"
#include "core/module/module.h"
#include "core/services.h"
#include "reporting/service.h"

namespace tinhso::http {
class Router;
}  // namespace tinhso::http

namespace tinhso::reporting {

// The module's declaration (core/module/module.h), listed in app/modules.cc.
const ModuleDef& module_def();

class Reporting : public Module {
 public:
  explicit Reporting(Services& s);
  ~Reporting() override;

  Services& services() { return s_; }
  ReportingService& service() { return service_; }
  void register_routes(http::Router& router) override;
  // The reminder pass runs in the server (command-line tools need not start it).
  void start() override { reminders_.start(); }
  void stop() override { reminders_.stop(); }
  // One reminder pass at the clock's time; returns how many units were reminded.
  Result<int> remind_once();

 private:
  Services& s_;
  ReportingService service_;
  PeriodicTask reminders_;  // last: stopped before the members its job uses are destroyed
};

}  // namespace tinhso::reporting
