#include "onestop/module.h"

#include "core/config/config.h"
#include "onestop/national_sync.h"
#include "onestop/notices.h"
#include "onestop/permissions.h"

namespace tinhso::onestop {

OneStop::OneStop(Services& s)
    : s_(s),
      files_(s.db, s.config.files),
      dossiers_(s, procedures_, files_, s.outbox),
      payments_(s, dossiers_),
      // Ten failed look-ups, then one more every six seconds.
      lookup_failures_(1.0 / 6.0, 10),
      submissions_(s.config.onestop.submissions_per_minute / 60.0,
                   std::max(1, s.config.onestop.submissions_per_minute)),
      daily_snapshots_(s.db, s.clock) {
  s.outbox.register_sender("email", email_sender(s.config.notify));
  s.outbox.register_sender("sms", sms_sender(s.config.notify));
  s.outbox.register_sender("national_sync",
                           national_sender(s.config.national_portal, s.db, s.clock));
}

void OneStop::register_routes(http::Router& router) {
  register_catalog_routes(router, *this);
  register_dossier_routes(router, *this);
  register_public_routes(router, *this);
  register_statistics_routes(router, *this);
  register_file_routes(router, *this);
  register_outbox_routes(router, *this);
  register_payment_routes(router, *this);
  register_document_store_routes(router, *this);
  register_portal_routes(router, *this);
}

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "onestop",
      .summary = "one-stop services: procedure catalogue, dossiers, fees, results, statistics",
      .depends_on = {},
      .permissions = kPermissions,
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<OneStop>(s); },
  };
  return kDef;
}

}  // namespace tinhso::onestop
