#include "documents/exchange_log_service.h"

#include "core/services.h"
#include "documents/module.h"

namespace tinhso::documents {
namespace {

// The log holds what other agencies sent, rejected attempts included: for administrators.
Status authorize_log(const Services& s, const identity::Principal& who) {
  if (!s.authorizer.has_anywhere(who, identity::kAdministerSystem)) return Error::forbidden();
  return ok_status();
}

}  // namespace

Result<storage::Keyed<exchange::ReceivedMessage>> ExchangeLogService::list(
    const identity::Principal& who, std::string_view status, int limit,
    std::optional<storage::SortKey> after) {
  Services& s = m_.services();
  TS_TRY(authorize_log(s, who));
  return s.db.read(
      [&](storage::Tx& tx) { return exchange::list_received(tx, status, limit, after); });
}

Result<exchange::RawMessage> ExchangeLogService::raw(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  TS_TRY(authorize_log(s, who));
  TS_ASSIGN_OR_RETURN(
      auto found, s.db.read([&](storage::Tx& tx) { return exchange::find_received_raw(tx, id); }));
  if (!found) return Error::not_found("Không tìm thấy gói tin.");
  return std::move(*found);
}

}  // namespace tinhso::documents
