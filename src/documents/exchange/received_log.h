// The log of received edXML messages (exchange_received) as administrators read it: each
// message with its outcome (imported, duplicate, rejected and why) and its raw bytes as they
// arrived — of a rejected one only its beginning. Inbound (inbound.h) writes it.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"

namespace tinhso::documents::exchange {

struct ReceivedMessage {
  int64_t id = 0;
  std::optional<std::string> kind, from_code, document_id;
  std::string status;  // imported | duplicate | rejected
  std::optional<std::string> error_code, error_message, signer, remote_addr;
  std::string sha256;
  int64_t size = 0;
  Instant received_at;
  bool raw_complete = true;
};

// Which messages a list shows: one outcome, or all of them (empty); anything else is a
// validation error.
Result<std::string> read_received_status(std::optional<std::string_view> status);

// Newest first (by id, the order of arrival); `after` resumes after a row's key.
Result<storage::Keyed<ReceivedMessage>> list_received(storage::Tx& tx, std::string_view status,
                                                      int limit,
                                                      std::optional<storage::SortKey> after);

struct RawMessage {
  std::string bytes;
  bool complete = true;  // false: the beginning of a rejected message only
};
Result<std::optional<RawMessage>> find_received_raw(storage::Tx& tx, int64_t id);

boost::json::object received_json(const ReceivedMessage& m);

}  // namespace tinhso::documents::exchange
