// Reporting: the reporting information system module (hệ thống thông tin báo cáo — issue 18)
// of a running tinhso: its service and the registration of its HTTP routes (routes.h).
#pragma once

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
  explicit Reporting(Services& s) : s_(s), service_(s) {}

  Services& services() { return s_; }
  ReportingService& service() { return service_; }
  void register_routes(http::Router& router) override;

 private:
  Services& s_;
  ReportingService service_;
};

}  // namespace tinhso::reporting
