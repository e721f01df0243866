// ExchangeLogService: the received edXML messages as a system administrator reads them — the
// list with each outcome, and one message's raw bytes. The routes (exchange_api.cc) read the
// request and call it; it authorises on the Principal without HTTP.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <optional>
#include <string_view>

#include "core/base/result.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "documents/exchange/received_log.h"

namespace tinhso::documents {

class Documents;

class ExchangeLogService {
 public:
  explicit ExchangeLogService(Documents& m) : m_(m) {}

  // Messages with outcome `status` (empty: all), newest first; `limit` rows after `after`.
  Result<storage::Keyed<exchange::ReceivedMessage>> list(const identity::Principal& who,
                                                         std::string_view status, int limit,
                                                         std::optional<storage::SortKey> after);
  Result<exchange::RawMessage> raw(const identity::Principal& who, int64_t id);

 private:
  Documents& m_;
};

}  // namespace tinhso::documents
