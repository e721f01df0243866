#include "reporting/module.h"

#include <spdlog/spdlog.h>

#include "core/calendar/calendar_service.h"
#include "core/outbox/outbox.h"
#include "reporting/config.h"
#include "reporting/demo/demo.h"
#include "reporting/national.h"
#include "reporting/permissions.h"
#include "reporting/reminders.h"
#include "reporting/routes.h"
#include "reporting/unit_movers.h"
#include "reporting/vocabularies.h"

namespace tinhso::reporting {

Reporting::Reporting(Services& s)
    : s_(s),
      service_(s),
      reminders_(
          std::chrono::seconds(s.config.section<ReportingConfig>().reminder_interval_seconds),
          [this] {
            auto n = remind_once();
            if (!n.ok())
              spdlog::warn("report reminders: {}", n.error().message());
            else if (*n > 0)
              spdlog::info("report reminders: {} reporting units reminded", *n);
          }) {
  s.outbox.register_sender("national_reporting",
                           national_sender(s.config.section<ReportingConfig>()));
}

Reporting::~Reporting() {
  stop();
}

Result<int> Reporting::remind_once() {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  ReminderOptions options{s_.config.section<ReportingConfig>().reminder_days_before,
                          !s_.config.notify.smtp_url.empty(),
                          !s_.config.notify.sms_webhook_url.empty(), s_.config.server.public_url};
  auto n = send_reminders(s_.db, s_.changes, *org, *cal, options);
  // Woken whatever happened: a failing regime does not undo what the others queued.
  s_.outbox.wake();
  return n;
}

void Reporting::register_routes(http::Router& router) {
  register_reporting_routes(router, *this);
}

namespace {

constexpr OutboxChannel kOutboxChannels[] = {
    {"national_reporting", "Gửi báo cáo lên Hệ thống thông tin báo cáo Chính phủ"},
};

constexpr http::ApiTag kApiTags[] = {
    {"reporting",
     "Hệ thống thông tin báo cáo: biểu mẫu, chế độ báo cáo, lập, gửi, duyệt và tổng hợp báo "
     "cáo định kỳ"},
};

}  // namespace

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "reporting",
      .summary = "periodic reports of agencies: forms, regimes, entry, approval, aggregates",
      // Live values from the one-stop statistics (prefill.h); the indicators read the document
      // registers too (indicators.h).
      .depends_on = {"onestop", "documents"},
      .permissions = kPermissions,
      .config_sections = config_sections(),
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Reporting>(s); },
      .api_tags = kApiTags,
      .outbox_channels = kOutboxChannels,
      .vocabularies = &vocabularies,
      .demo = &demo::build,
      .unit_movers = unit_movers(),
  };
  return kDef;
}

}  // namespace tinhso::reporting
