#include "documents/exchange_log_service.h"

#include "core/services.h"
#include "documents/access.h"
#include "documents/module.h"

namespace tinhso::documents {

Result<storage::Keyed<exchange::ReceivedMessage>> ExchangeLogService::list(
    const identity::Principal& who, std::string_view status, int limit,
    std::optional<storage::SortKey> after) {
  Services& s = m_.services();
  TS_TRY(authorize_exchange_log(who, s.authorizer));
  return s.db.read(
      [&](storage::Tx& tx) { return exchange::list_received(tx, status, limit, after); });
}

Result<exchange::RawMessage> ExchangeLogService::raw(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  TS_TRY(authorize_exchange_log(who, s.authorizer));
  TS_ASSIGN_OR_RETURN(
      auto found, s.db.read([&](storage::Tx& tx) { return exchange::find_received_raw(tx, id); }));
  if (!found) return Error::not_found("Không tìm thấy gói tin.");
  return std::move(*found);
}

}  // namespace tinhso::documents
