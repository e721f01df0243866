#include "onestop/module.h"

#include "core/config/config.h"
#include "onestop/national_sync.h"
#include "onestop/notices.h"

namespace tinhso::onestop {

OneStop::OneStop(Services& s)
    : s_(s),
      files_(s.db, s.config.files),
      outbox_(s.db, s.clock,
              outbox::Dispatcher::Options{s.config.notify.max_attempts,
                                          s.config.notify.retry_base_seconds}),
      dossiers_(s, procedures_, files_, outbox_),
      // Ten failed look-ups, then one more every six seconds.
      lookup_failures_(1.0 / 6.0, 10),
      submissions_(s.config.onestop.submissions_per_minute / 60.0,
                   std::max(1, s.config.onestop.submissions_per_minute)) {
  outbox_.register_sender("email", email_sender(s.config.notify));
  outbox_.register_sender("sms", sms_sender(s.config.notify));
  outbox_.register_sender("national_sync",
                          national_sender(s.config.national_portal, s.db, s.clock));
}

OneStop::~OneStop() {
  stop();
}

void OneStop::start() {
  outbox_.start();
}
void OneStop::stop() {
  outbox_.stop();
}

}  // namespace tinhso::onestop
