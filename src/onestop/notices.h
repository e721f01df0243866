// Notices to applicants (reception, supplement request, refusal, result ready, apology), as
// outbox messages: an e-mail when the applicant gave an address and SMTP is configured, an
// SMS when they gave a phone number and the SMS gateway is configured. Texts are Vietnamese.
#pragma once

#include "core/config/config.h"
#include "core/outbox/outbox.h"
#include "onestop/dossier.h"

namespace tinhso::onestop {

struct NoticeContext {
  std::string procedure_name;
  std::string agency_name;
  std::string desk_name;
  std::string result_point_name;   // where a result returned at a desk is collected
  std::string public_url;          // for the look-up link
  std::vector<std::string> items;  // supplement requests
  std::string note;                // reason
};

// The outbox messages for notice `kind` about `d`. Their idempotency keys hold the dossier's
// code and version, which every transition raises: one notice per transition and channel.
std::vector<outbox::Message> notice_messages(const std::string& kind, const Dossier& d,
                                             const NoticeContext& c, const NotifyConfig& config);

// Senders for the dispatcher.
outbox::Sender email_sender(const NotifyConfig& config);
outbox::Sender sms_sender(const NotifyConfig& config);

}  // namespace tinhso::onestop
