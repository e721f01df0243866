// Synchronisation of dossiers with the National Public Service Portal (Cổng Dịch vụ công quốc
// gia): every status change queues, in the transition's transaction, a snapshot of the dossier
// with its processing history; the outbox delivers it with retries and an idempotency key.
// The field names and status codes follow STANDARDS.md §7 (docs/national-sync.md).
#pragma once

#include "core/config/config.h"
#include "core/outbox/outbox.h"
#include "onestop/config.h"
#include "onestop/dossier.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {

struct SyncContext {
  std::string agency_code;
  std::string agency_name;
  std::string system_code;
};

boost::json::object national_payload(const Dossier& d, const ProcedureDef& def,
                                     const std::vector<DossierEvent>& events, const SyncContext& c);

// The outbox message for `d` at its current version (one per status change).
outbox::Message national_message(const Dossier& d, boost::json::object payload,
                                 const std::string& url);

// The dispatcher's sender: POSTs to the portal; on the first success for a dossier records
// synced_at and the statistics counter.
outbox::Sender national_sender(const NationalPortalConfig& config, storage::Database& db,
                               const Clock& clock);

}  // namespace tinhso::onestop
