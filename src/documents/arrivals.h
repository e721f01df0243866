// Arrivals: electronic documents that reached a unit — issued to it by another unit of this
// installation (and, with the edXML exchange, by other agencies) — waiting for the unit's
// clerk. Registering one creates the incoming register entry with its files; refusing one
// gives the reason. Either way, and later when the document is assigned and completed, the
// sender's recipient list shows the recipient's status (report_recipient_status).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

struct ArrivalInput {
  int64_t unit_id = 0;
  std::optional<int64_t> recipient_id;  // outgoing_recipients row, when sent from here
  std::string issuer_name;
  std::optional<std::string> issuer_code;
  std::string notation, issued_on, doc_type, subject, urgency, confidentiality;
  std::optional<int64_t> pages;
  std::optional<std::string> signer_name;
  std::vector<int64_t> file_ids;
  std::optional<int64_t> exchange_id;            // received as edXML: the message
  std::optional<std::string> edxml_document_id;  // and the sender's DocumentId
};
Result<int64_t> record_arrival(audit::ChangeTx& tx, const ArrivalInput& in);

struct ArrivalState {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string status;  // pending | registered | refused
};
Result<std::optional<ArrivalState>> load_arrival_state(storage::Tx& tx, int64_t id);

// Registers the arrival in its unit's incoming register; returns the incoming entry's id.
Result<int64_t> register_arrival(audit::ChangeTx& tx, int64_t arrival_id);
Status refuse_arrival(audit::ChangeTx& tx, int64_t arrival_id, const std::string& reason);

// Newest first; each row's key is (received_at ms, id); `after` resumes after such a key.
Result<storage::Keyed<boost::json::value>> list_arrivals(storage::Tx& tx, int64_t unit_id,
                                                         std::string_view status, int limit,
                                                         std::optional<storage::SortKey> after);
Result<std::optional<boost::json::object>> find_arrival(storage::Tx& tx, int64_t id);

// The recipient's status (received, refused, assigned, done) shown to the sender.
Status report_recipient_status(audit::ChangeTx& tx, int64_t recipient_id, std::string_view status,
                               const std::optional<std::string>& note);
std::string_view recipient_status_label(std::string_view status);

// Tells the sender of the document that came as arrival `arrival_id` its new status: the
// recipient row directly when the sender is in this installation, an edXML status message
// (through the outbox) when it came from another agency, nothing for paper.
Status report_to_sender(audit::ChangeTx& tx, int64_t arrival_id, std::string_view status,
                        std::optional<std::string> note);

}  // namespace tinhso::documents
