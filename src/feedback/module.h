// Feedback: the citizen feedback and petitions module (phản ánh, kiến nghị — issue 19) of a
// running tinhso: its service and the registration of its HTTP routes (routes.h).
#pragma once

#include "core/module/module.h"
#include "core/services.h"
#include "feedback/service.h"

namespace tinhso::http {
class Router;
}  // namespace tinhso::http

namespace tinhso::feedback {

// The module's declaration (core/module/module.h), listed in app/modules.cc.
const ModuleDef& module_def();

class Feedback : public Module {
 public:
  explicit Feedback(Services& s) : s_(s), service_(s) {}

  Services& services() { return s_; }
  FeedbackService& service() { return service_; }
  void register_routes(http::Router& router) override;

 private:
  Services& s_;
  FeedbackService service_;
};

}  // namespace tinhso::feedback
