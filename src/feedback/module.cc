#include "feedback/module.h"

#include "feedback/commands.h"
#include "feedback/config.h"
#include "feedback/demo/demo.h"
#include "feedback/permissions.h"
#include "feedback/restore.h"
#include "feedback/routes.h"
#include "feedback/unit_movers.h"
#include "feedback/vocabularies.h"

namespace tinhso::feedback {

void Feedback::register_routes(http::Router& router) {
  register_public_routes(router, *this);
  register_feedback_routes(router, *this);
  register_open311_routes(router, *this);
  register_category_routes(router, *this);
}

namespace {

constexpr http::ApiTag kApiTags[] = {
    {"feedback",
     "Phản ánh, kiến nghị của người dân, doanh nghiệp: tiếp nhận, xử lý, trả lời, "
     "công khai"},
    {"open311",
     "Open311 GeoReport v2: ứng dụng khác gửi và đọc phản ánh, kiến nghị (JSON hoặc XML)"},
};

}  // namespace

// Messages to senders go through the "email" and "sms" outbox channels, whose senders the
// one-stop module registers (as the documents module's reminders do).
const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "feedback",
      .summary = "citizen feedback and petitions: reception, routing, answers, publication",
      .depends_on = {"documents"},  // forwarding out as an official document (forwarding.h)
      .permissions = kPermissions,
      .config_sections = config_sections(),
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Feedback>(s); },
      .api_tags = kApiTags,
      .commands = commands(),
      .vocabularies = &vocabularies,
      .demo = &demo::build,
      .unit_movers = unit_movers(),
      .after_restore = &move_counters_after_restore,
  };
  return kDef;
}

}  // namespace tinhso::feedback
